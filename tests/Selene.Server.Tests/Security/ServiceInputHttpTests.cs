using System.Net;
using System.Text;
using System.Text.Json;
using k8s.Models;
using Selene.Cluster.Scheduling;
using Selene.Server.Security;

namespace Selene.Server.Tests.Security;

/// <summary>
/// What callers send the service, refused where it is unsafe or malformed: webhook targets on this machine or at
/// cloud metadata, webhook filters of no documented form, object names Kubernetes would not accept; and a token file
/// that lists a token twice or none.
/// </summary>
public sealed class ServiceInputHttpTests : IAsyncLifetime, IDisposable
{
    private readonly ClusterScheduler _cluster = new();
    private TestService _service = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _cluster.SetNode(new V1Node
        {
            Metadata = new V1ObjectMeta { Name = "fra-gpu-01", Labels = new Dictionary<string, string> { ["selene.io/site"] = "frankfurt" } },
            Status = new V1NodeStatus { Capacity = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("8"), ["memory"] = new("16Gi") } },
        });
        _service = await TestService.StartAsync(folder => new SeleneServerOptions { Cluster = _cluster, WebhookDatabase = Path.Combine(folder, "webhooks.db") });
        _http = _service.Client();
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    public void Dispose() => _http.Dispose();

    public static TheoryData<string, string, string, HttpStatusCode, string> Subscriptions => new()
    {
        { "loopback by address", "http://127.0.0.1:9000/hook", "*", HttpStatusCode.UnprocessableEntity, "url" },
        { "loopback by name", "http://localhost:9000/hook", "*", HttpStatusCode.UnprocessableEntity, "url" },
        { "IPv6 loopback", "http://[::1]:9000/hook", "*", HttpStatusCode.UnprocessableEntity, "url" },
        { "cloud metadata (link-local)", "http://169.254.169.254/latest/meta-data/", "*", HttpStatusCode.UnprocessableEntity, "url" },
        { "the unspecified address", "http://0.0.0.0:8888/hook", "*", HttpStatusCode.UnprocessableEntity, "url" },
        { "an IPv4 loopback written as IPv6", "http://[::ffff:127.0.0.1]/hook", "*", HttpStatusCode.UnprocessableEntity, "url" },
        { "an empty filter", "http://203.0.113.10/hook", "", HttpStatusCode.UnprocessableEntity, "filter" },
        { "a star inside the filter", "http://203.0.113.10/hook", "io.*.upset", HttpStatusCode.UnprocessableEntity, "filter" },
        { "two stars", "http://203.0.113.10/hook", "**", HttpStatusCode.UnprocessableEntity, "filter" },
        { "a leading star", "http://203.0.113.10/hook", "*upset", HttpStatusCode.UnprocessableEntity, "filter" },
        { "a receiver elsewhere, every event", "http://203.0.113.10/hook", "*", HttpStatusCode.Created, "" },
        { "a receiver elsewhere, a prefix", "https://203.0.113.10/hook", "io.selene.*", HttpStatusCode.Created, "" },
        { "a receiver elsewhere, one type", "https://203.0.113.10/hook", "io.selene.cosmic-event.upset", HttpStatusCode.Created, "" },
    };

    [Theory]
    [MemberData(nameof(Subscriptions))]
    public async Task A_webhook_subscription_is_refused_unless_its_target_is_elsewhere_and_its_filter_is_of_a_documented_form(
        string because, string url, string filter, HttpStatusCode status, string field)
    {
        using var response = await Post("/webhooks/subscriptions", JsonSerializer.Serialize(new { url, filter }));
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == status, $"{because}: {response.StatusCode} {text}");
        if (status != HttpStatusCode.Created)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(field, JsonDocument.Parse(text).RootElement.GetProperty("field").GetString());
        }
    }

    public static TheoryData<string, string, string, bool> PodNames => new()
    {
        { "a name with non-ASCII letters", "pöd-月", "chat", false },
        { "a name of 100,000 characters", new string('a', 100_000), "chat", false },
        { "a name in capitals", "Chat-0", "chat", false },
        { "a name ending in a dash", "chat-", "chat", false },
        { "a namespace with a dot", "chat-0", "chat.prod", false },
        { "a name of 253 characters with dots", string.Join('.', Enumerable.Repeat(new string('a', 63), 4))[..253], "chat", true },
        { "an ordinary name", "chat-0", "chat", true },
    };

    [Theory]
    [MemberData(nameof(PodNames))]
    public async Task The_extender_takes_only_pods_named_as_Kubernetes_names_them(string because, string name, string ns, bool accepted)
    {
        var body = JsonSerializer.Serialize(new { Pod = new { metadata = new { name, @namespace = ns } }, NodeNames = new[] { "fra-gpu-01" } });
        using var response = await Post("/scheduler/filter", body);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True((response.StatusCode == HttpStatusCode.OK) == accepted, $"{because}: {response.StatusCode} {text[..Math.Min(text.Length, 300)]}");
        if (!accepted)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.StartsWith("Pod.metadata.", JsonDocument.Parse(text).RootElement.GetProperty("field").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_operator_s_fault_report_names_its_node_s_site()
    {
        using var response = await Post("/api/faults", """{"node": "fra-gpu-01", "type": "upset-gpu-hang"}""");
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(("frankfurt", "fra-gpu-01"), (report.GetProperty("site").GetString(), report.GetProperty("node").GetString()));
    }

    public static TheoryData<string, string, int, string> TokenFiles => new()
    {
        { "a token listed twice, the second time as admin", "viewer vera 0123456789abcdef\nadmin eve 0123456789abcdef\n", 2, "already listed on line 1" },
        { "no token at all", "# nobody yet\n\n", 0, "no tokens" },
    };

    [Theory]
    [MemberData(nameof(TokenFiles))]
    public void A_token_file_that_lists_a_token_twice_or_none_is_refused_naming_the_line(string because, string text, int line, string message)
    {
        var file = Path.Combine(_service.Folder, "tokens.txt");
        File.WriteAllText(file, text);

        var error = Assert.Single(Assert.Throws<Selene.Core.Errors.InputException>(() => TokenStore.Load(file)).Errors);

        Assert.True(error.Line == line && error.Message.Contains(message, StringComparison.Ordinal), $"{because}: {error}");
        Assert.DoesNotContain("0123456789abcdef", error.Message, StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> Post(string path, string json) =>
        _http.PostAsync(new Uri(path, UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));
}

public sealed class WebhookTargetTests
{
    public static TheoryData<string, bool> Addresses => new()
    {
        { "127.0.0.1", true },
        { "127.255.0.9", true },
        { "::1", true },
        { "169.254.169.254", true },
        { "fe80::1", true },
        { "0.0.0.0", true },
        { "224.0.0.1", true },
        { "255.255.255.255", true },
        { "::ffff:169.254.169.254", true },
        { "203.0.113.10", false },
        { "2001:db8::10", false },
    };

    [Theory]
    [MemberData(nameof(Addresses))]
    public void Each_connection_a_delivery_makes_is_checked_against_the_same_rule(string address, bool forbidden) =>
        Assert.Equal(forbidden, Selene.Server.Webhooks.WebhookTargets.Forbidden(IPAddress.Parse(address)));
}
