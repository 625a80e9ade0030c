using System.Text.Json;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Selene.Server.Tests.Client;
using Selene.Server.Tests.Security;

namespace Selene.Server.Tests.Api;

/// <summary>
/// A client Kiota generated from the service's OpenAPI document (Client/, from Client/openapi.json) calls the running
/// service: the document is fit for client generators, and the problems it documents arrive as typed errors.
/// </summary>
public sealed class GeneratedClientTests : IAsyncLifetime
{
    private TestService _service = null!;

    public async Task InitializeAsync() => _service = await TestService.StartAsync(TestService.EveryPart);

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task The_generated_client_reads_the_service_and_gets_its_documented_problems_as_typed_errors()
    {
        using var http = new HttpClient();
        var client = Client(http, TestTokens.Admin);

        using (var whoami = await client.Api.Whoami.GetAsync())
        {
            Assert.Equal("ada", (await JsonDocument.ParseAsync(whoami!)).RootElement.GetProperty("name").GetString());
        }

        using (var nodes = await client.Api.Nodes.GetAsync())
        {
            Assert.Contains("lunar-gpu-01", (await JsonDocument.ParseAsync(nodes!)).RootElement.EnumerateArray().Select(n => n.GetProperty("name").GetString()));
        }

        using (var faults = await client.Api.Faults.GetAsync(request => request.QueryParameters.Limit = 5))
        {
            Assert.Equal(JsonValueKind.Array, (await JsonDocument.ParseAsync(faults!)).RootElement.ValueKind);
        }

        var missing = await Assert.ThrowsAsync<Selene.Server.Tests.Client.Models.ProblemDetails>(() => client.Api.Nodes["no-such-node"].GetAsync());
        Assert.Equal((404, "name"), (missing.ResponseStatusCode, missing.Field));

        var stranger = await Assert.ThrowsAsync<Selene.Server.Tests.Client.Models.ProblemDetails>(() => Client(http, "not-a-token-of-the-service").Api.Nodes.GetAsync());
        Assert.Equal(401, stranger.ResponseStatusCode);
        var viewer = await Assert.ThrowsAsync<Selene.Server.Tests.Client.Models.ProblemDetails>(() => Client(http, TestTokens.Viewer).Webhooks.DeadLetters.Replay.PostAsync());
        Assert.Equal(403, viewer.ResponseStatusCode);
    }

    [Fact]
    public async Task The_client_was_generated_from_the_document_the_service_serves()
    {
        using var http = _service.Client(TestTokens.Viewer);
        var served = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(await http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!;
        served.Remove("servers");
        var generatedFrom = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(await File.ReadAllTextAsync(Selene.Testing.RepositoryPaths.Of("tests/Selene.Server.Tests/Client/openapi.json")))!;

        // When the API changes: save the served document (without servers) over Client/openapi.json and regenerate the
        // client: dotnet tool restore && dotnet kiota generate -l CSharp -d tests/Selene.Server.Tests/Client/openapi.json
        //   -o tests/Selene.Server.Tests/Client -n Selene.Server.Tests.Client -c SeleneClient --exclude-backward-compatible
        Assert.Equal(Canonical(generatedFrom), Canonical(served));
    }

    private SeleneClient Client(HttpClient http, string token) => new(new HttpClientRequestAdapter(
        new BaseBearerTokenAuthenticationProvider(new Token(token)), httpClient: http) { BaseUrl = _service.Address.ToString().TrimEnd('/') });

    private static string Canonical(Dictionary<string, JsonElement> document) =>
        JsonSerializer.Serialize(document.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value));

    private sealed class Token(string token) : IAccessTokenProvider
    {
        public AllowedHostsValidator AllowedHostsValidator { get; } = new();

        public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(token);
    }
}
