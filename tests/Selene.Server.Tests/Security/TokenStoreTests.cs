using Selene.Core.Errors;
using Selene.Server.Security;

namespace Selene.Server.Tests.Security;

public sealed class TokenStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("selene-tokens-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_token_file_gives_each_token_its_name_and_role_and_nothing_else_is_accepted()
    {
        var file = Path.Combine(_folder, "tokens.txt");
        File.WriteAllText(file, "# who may do what\nviewer vera 0123456789abcdef\n\nREVIEWER ana fedcba9876543210\n");
        var store = TokenStore.Load(file);

        Assert.True(store.TryFind("0123456789abcdef", out var name, out var role));
        Assert.Equal(("vera", Role.Viewer), (name, role));
        Assert.True(store.TryFind("fedcba9876543210", out name, out role));
        Assert.Equal(("ana", Role.Reviewer), (name, role));
        Assert.False(store.TryFind("0123456789abcdeF", out _, out _));
        Assert.False(store.TryFind("", out _, out _));
    }

    [Fact]
    public void Every_bad_line_is_reported_with_its_file_and_line()
    {
        var file = Path.Combine(_folder, "tokens.txt");
        File.WriteAllText(file, "viewer vera short\nwizard merlin 0123456789abcdef\noperator otto 0123456789abcdef\nadmin\n");
        var error = Assert.Throws<InputException>(() => TokenStore.Load(file));

        Assert.Equal([(1, "token"), (2, "token"), (4, "token")], error.Errors.Select(e => (e.Line, e.Field)));
        Assert.All(error.Errors, e => Assert.Equal(file, e.File));
        Assert.Contains("at least 16 characters", error.Errors[0].Message, StringComparison.Ordinal);
        // The message names the token's owner and its length, never the token.
        Assert.DoesNotContain(error.Errors, e => e.Message.Contains("0123456789abcdef", StringComparison.Ordinal));
    }

    [Fact]
    public void Configuration_holds_the_same_entries_separated_by_semicolons_or_newlines()
    {
        var store = TokenStore.FromConfiguration("viewer vera 0123456789abcdef; operator otto fedcba9876543210\nadmin ada abcdefabcdefabcdef", "SELENE_TOKENS");
        Assert.True(store.TryFind("fedcba9876543210", out var name, out var role));
        Assert.Equal(("otto", Role.Operator), (name, role));
        Assert.True(store.TryFind("abcdefabcdefabcdef", out _, out role));
        Assert.Equal(Role.Admin, role);

        var error = Assert.Throws<InputException>(() => TokenStore.FromConfiguration("viewer vera 0123456789abcdef;viewer eve", "SELENE_TOKENS"));
        Assert.Equal(("SELENE_TOKENS", 2), (error.Errors.Single().File, error.Errors.Single().Line));
    }
}
