using System.Net;
using System.Text;
using System.Text.Json;
using Selene.Testing;

namespace Selene.Server.Tests.Api;

/// <summary>
/// Hostile scenario YAML sent to <c>POST /api/scenarios/validate</c> is refused with a problem naming line and
/// field, and the service goes on answering: one request once ended the whole process with a stack overflow.
/// </summary>
public sealed class HostileScenarioHttpTests : IAsyncLifetime, IDisposable
{
    private TestService _service = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _service = await TestService.StartAsync(_ => new SeleneServerOptions());
        _http = _service.Client();
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    public void Dispose() => _http.Dispose();

    public static TheoryData<string, string, string> Located => new()
    {
        { "nesting 30,000 deep", HostileYaml.Nested(30_000), "name[0][0]" },
        { "nesting 100,000 deep", HostileYaml.Nested(100_000), "name[0][0]" },
        { "an alias bomb", HostileYaml.AliasBomb(), "a4[" },
        { "a malformed flow mapping", HostileYaml.MalformedFlowMapping, "a.b" },
    };

    [Theory]
    [MemberData(nameof(Located))]
    public async Task Hostile_scenario_yaml_gets_422_with_line_and_field_and_the_service_keeps_answering(string because, string yaml, string field)
    {
        using var response = await _http.PostAsync(new Uri("/api/scenarios/validate", UriKind.Relative), new StringContent(yaml, Encoding.UTF8, "application/yaml"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{because}: {response.StatusCode} {text}");
        var error = JsonDocument.Parse(text).RootElement.GetProperty("errors")[0];
        Assert.True(error.GetProperty("line").GetInt32() > 0 && error.GetProperty("field").GetString()!.StartsWith(field, StringComparison.Ordinal), $"{because}: {error}");
        await AssertHealthy();
    }

    [Fact]
    public async Task A_scenario_whose_epoch_the_ephemeris_does_not_cover_is_not_called_valid()
    {
        var yaml = Selene.Simulation.Scenarios.BuiltInScenarios.Text("earth-moon").Replace("epoch: 2027-01-11T00:00:00Z", "epoch: 1800-01-01T00:00:00Z", StringComparison.Ordinal);
        using var response = await _http.PostAsync(new Uri("/api/scenarios/validate", UriKind.Relative), new StringContent(yaml, Encoding.UTF8, "application/yaml"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, text);
        Assert.Equal("epoch", JsonDocument.Parse(text).RootElement.GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_65_MiB_scenario_is_refused_as_too_large_and_the_service_keeps_answering()
    {
        using var body = new ByteArrayContent(new byte[65 * 1024 * 1024]);
        try
        {
            using var response = await _http.PostAsync(new Uri("/api/scenarios/validate", UriKind.Relative), body);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }
        catch (HttpRequestException)
        {
            // Kestrel may close the connection of a body over its limit before the client has sent it all.
        }

        await AssertHealthy();
    }

    private async Task AssertHealthy()
    {
        using var health = await _http.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
