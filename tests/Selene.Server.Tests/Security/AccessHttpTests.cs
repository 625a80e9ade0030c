using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Selene.Server.Tests.Security;

/// <summary>Every endpoint of a service with all its parts, asked with no token, a wrong one and each role's.</summary>
public sealed class AccessHttpTests : IAsyncLifetime, IDisposable
{
    private TestService _service = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _service = await TestService.StartAsync(folder => new SeleneServerOptions
        {
            WebhookDatabase = Path.Combine(folder, "webhooks.db"),
            AllowPrivateWebhookTargets = true,
            InboundSecret = "whsec_" + Convert.ToBase64String(new byte[32]),
            ModerationAuditDatabase = Path.Combine(folder, "audit.db"),
            ModerationQuarantine = Path.Combine(folder, "q"),
            IngressPerSecond = 5,
            Twin = Selene.Simulation.Scenarios.BuiltInScenarios.Load(Selene.Simulation.Scenarios.BuiltInScenarios.Default) with { DurationSeconds = 86_400 },
            TwinSpeed = 600,
            MaxRequestBodyBytes = 256 * 1024,
        });
        _http = _service.Client(token: null);
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Without_a_valid_token_every_endpoint_but_health_answers_401_with_a_problem()
    {
        var endpoints = Endpoints().ToList();
        Assert.True(endpoints.Count >= 14, string.Join(", ", endpoints));
        foreach (var (method, path) in endpoints)
        {
            foreach (var token in new[] { null, "not-a-token-at-all-0000" })
            {
                using var response = await Send(method, path, token);
                if (path is "/healthz" or "/readyz")
                {
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    continue;
                }

                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} with {token ?? "no token"}: {response.StatusCode}");
                Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }
    }

    [Fact]
    public async Task A_viewer_reads_but_every_change_answers_403_and_each_role_reaches_only_its_own()
    {
        foreach (var (method, path) in Endpoints().Where(e => e.Path is not ("/healthz" or "/readyz")))
        {
            var changes = method != "GET";
            using var viewer = await Send(method, path, TestTokens.Viewer);
            Assert.True(changes ? viewer.StatusCode == HttpStatusCode.Forbidden : viewer.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden),
                $"viewer {method} {path}: {viewer.StatusCode}");
            var decision = path.StartsWith("/review/", StringComparison.Ordinal);
            using var operatorReply = await Send(method, path, TestTokens.Operator);
            using var reviewerReply = await Send(method, path, TestTokens.Reviewer);
            if (changes)
            {
                Assert.True((operatorReply.StatusCode == HttpStatusCode.Forbidden) == decision, $"operator {method} {path}: {operatorReply.StatusCode}");
                Assert.True((reviewerReply.StatusCode == HttpStatusCode.Forbidden) == !decision, $"reviewer {method} {path}: {reviewerReply.StatusCode}");
            }
        }
    }

    [Fact]
    public async Task Prometheus_metrics_count_requests_by_route_and_show_the_cluster_webhooks_and_review_backlog()
    {
        using (await Send("GET", "/review", TestTokens.Viewer))
        using (await Send("GET", "/review", null))
        {
        }

        using var response = await Send("GET", "/metrics", TestTokens.Viewer);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("selene_http_requests_total{method=\"GET\",route=\"/review\",status=\"200\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("selene_http_requests_total{method=\"GET\",route=\"/review\",status=\"401\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("selene_review_backlog_items 0", text, StringComparison.Ordinal);
        Assert.Contains("selene_webhook_deliveries{state=\"pending\"} 0", text, StringComparison.Ordinal);
        Assert.Contains("selene_cluster_nodes 7", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_ingress_is_rate_limited_with_429()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            using var response = await Send("POST", "/webhooks/detections", TestTokens.Operator);
            statuses.Add(response.StatusCode);
        }

        // Five a second pass the limiter (and fail their signature check); the rest are turned away.
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.True(statuses.Count(s => s != HttpStatusCode.TooManyRequests) <= 10, string.Join(", ", statuses));
    }

    [Fact]
    public async Task Malformed_wrongly_typed_and_huge_bodies_get_problem_details_never_a_500()
    {
        var bodies = new (string Name, Func<HttpContent> Content)[]
        {
            ("malformed JSON", () => new StringContent("{\"url\": ", System.Text.Encoding.UTF8, "application/json")),
            ("wrong types", () => new StringContent("""{"url": 42, "action": ["block"], "reviewer": {"a": 1}, "Pod": "x", "NodeNames": 7, "specversion": 1}""", System.Text.Encoding.UTF8, "application/json")),
            ("not JSON at all", () => new ByteArrayContent([0xFF, 0xFE, 0x00, 0x01])),
            ("a huge body", () => new ByteArrayContent(new byte[1024 * 1024])),
        };
        foreach (var (method, path) in Endpoints().Where(e => e.Method is "POST" or "PUT"))
        {
            foreach (var (name, content) in bodies)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = content() };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Admin);

                // Kestrel may close the connection of a body it refuses; the client must not hand that connection to
                // the next request, which then saw "the response ended prematurely".
                request.Headers.ConnectionClose = name == "a huge body";
                HttpResponseMessage response;
                try
                {
                    response = await _http.SendAsync(request);
                }
                catch (HttpRequestException) when (name == "a huge body")
                {
                    // The service answered and closed the connection before the client had sent it all: refused,
                    // and the service goes on.
                    using var health = await _http.GetAsync("/healthz");
                    Assert.Equal(HttpStatusCode.OK, health.StatusCode);
                    continue;
                }

                using var answered = response;
                var status = (int)response.StatusCode;
                Assert.True(status is >= 200 and < 500 and not 401 and not 403, $"{name} to {method} {path}: {status}");
                if (status >= 400)
                {
                    Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{name} to {method} {path}: {status} {response.Content.Headers.ContentType}");
                }
            }
        }
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_every_route_with_a_summary_and_the_bearer_token_it_needs()
    {
        using var response = await Send("GET", "/openapi/v1.json", TestTokens.Viewer);
        var document = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("http", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("type").GetString());
        var paths = document.GetProperty("paths");
        var tags = document.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToHashSet();
        var routes = _service.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is not ("/metrics" or "/openapi/{documentName}.json"))
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Path: e.RoutePattern.RawText!, Method: m)))
            .ToList();
        Assert.Contains(routes, r => r.Path == "/api/nodes/{name}/taints" && r.Method == "DELETE");
        Assert.Contains(routes, r => r.Path == "/webhooks/detections");
        Assert.DoesNotContain(routes, r => r.Path.StartsWith("/dashboard", StringComparison.Ordinal));
        var operationIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, method) in routes)
        {
            // Route constraints ({id:long}) are not part of the document's paths.
            var documented = System.Text.RegularExpressions.Regex.Replace(path, ":[a-z]+}", "}");
            Assert.True(paths.TryGetProperty(documented, out var item), $"{documented} is not in the document");
            Assert.True(item.TryGetProperty(method.ToLowerInvariant(), out var operation), $"{method} {path} is not in the document");
            Assert.True(operation.TryGetProperty("summary", out var summary) && summary.GetString()!.Length > 0, $"{method} {path} has no summary");
            Assert.True(tags.Contains(operation.GetProperty("tags").EnumerateArray().Single().GetString()), $"{method} {path}: tag not listed");
            var secured = operation.TryGetProperty("security", out var security) && security.EnumerateArray().Any(r => r.TryGetProperty("bearer", out _));
            Assert.True(secured == path is not ("/healthz" or "/readyz"), $"{method} {path}: bearer requirement {secured}");

            // What client generators and linters need: an operationId, open operations saying so, the problem replies.
            Assert.True(operation.TryGetProperty("operationId", out var id) && operationIds.Add(id.GetString()!), $"{method} {path}: operationId missing or taken");
            Assert.True(secured || security.GetArrayLength() == 0, $"{method} {path}: an open operation declares security: []");
            var responses = operation.GetProperty("responses");
            Assert.True(!secured || (responses.TryGetProperty("401", out var unauthorized) && responses.TryGetProperty("403", out _)
                && unauthorized.GetProperty("content").TryGetProperty("application/problem+json", out _)), $"{method} {path}: 401 and 403 as problem details");
            Assert.True(method is not ("POST" or "PUT") || (responses.TryGetProperty("400", out _) && responses.TryGetProperty("413", out _) && responses.TryGetProperty("422", out _)),
                $"{method} {path}: 400, 413 and 422 for a body");
        }

        Assert.All(document.GetProperty("tags").EnumerateArray(), t => Assert.False(string.IsNullOrEmpty(t.GetProperty("description").GetString())));
        Assert.All(document.GetProperty("servers").EnumerateArray(), s => Assert.False(s.GetProperty("url").GetString()!.EndsWith('/')));
    }

    // Every route the service maps, with its parameters filled in.
    private IEnumerable<(string Method, string Path)> Endpoints()
    {
        var source = _service.App.Services.GetRequiredService<EndpointDataSource>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var path = "/" + string.Join("/", endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part =>
                part is Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal ? literal.Content : "1"))));
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                yield return (method, path);
            }
        }
    }

    private async Task<HttpResponseMessage> Send(string method, string path, string? token)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (method != "GET")
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        // Headers only: the twin's stream never ends by itself.
        return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }
}
