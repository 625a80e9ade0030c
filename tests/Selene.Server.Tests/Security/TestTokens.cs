using Selene.Server.Security;

namespace Selene.Server.Tests.Security;

/// <summary>One token per role, for the HTTP tests.</summary>
internal static class TestTokens
{
    public const string Viewer = "viewer-token-0123456789";
    public const string Operator = "operator-token-0123456789";
    public const string Reviewer = "reviewer-token-0123456789";
    public const string Admin = "admin-token-0123456789";

    public static TokenStore Store { get; } = TokenStore.Of([(Viewer, "vera", Role.Viewer), (Operator, "otto", Role.Operator), (Reviewer, "ana", Role.Reviewer), (Admin, "ada", Role.Admin)]);
}
