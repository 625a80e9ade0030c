using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Selene.Cluster.Scheduling;
using Selene.Cluster.Scheduling.Framework;
using Selene.Cluster.Scheduling.Plugins;
using Selene.Simulation.Scenarios;

namespace Selene.Server.Tests.Api;

/// <summary>The REST API of a service running a live twin of the built-in scenario, over real HTTP on loopback.</summary>
public sealed class ApiHttpTests : IAsyncLifetime, IDisposable
{
    private const double Speed = 3600;
    private readonly ClusterScheduler _cluster = new();
    private TestService _service = null!;
    private HttpClient _http = null!;
    private long _startedAt;

    public async Task InitializeAsync()
    {
        _startedAt = Stopwatch.GetTimestamp();
        _service = await TestService.StartAsync(_ => new SeleneServerOptions
        {
            Cluster = _cluster,
            Twin = BuiltInScenarios.Load(BuiltInScenarios.Default),
            TwinSpeed = Speed,
        });
        _http = _service.Client();
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task The_scenario_s_nodes_are_served_with_labels_taints_capacity_and_pods()
    {
        var nodes = await Get("/api/nodes");
        Assert.Equal(["ash-gpu-01", "ash-gpu-02", "ash-gpu-03", "ash-gpu-04", "fra-gpu-01", "fra-gpu-02", "lunar-gpu-01"], nodes.EnumerateArray().Select(n => n.GetProperty("name").GetString()));

        var lunar = await Get("/api/nodes/lunar-gpu-01");
        Assert.Equal("moon", lunar.GetProperty("labels").GetProperty("location").GetString());
        var taint = lunar.GetProperty("taints").EnumerateArray().Single();
        Assert.Equal(("latency", "high", "NoSchedule"), (taint.GetProperty("key").GetString(), taint.GetProperty("value").GetString(), taint.GetProperty("effect").GetString()));
        Assert.Equal("8", lunar.GetProperty("allocatable").GetProperty("nvidia.com/gpu").GetString());

        using var missing = await _http.GetAsync("/api/nodes/no-such-node");
        await AssertProblem(missing, HttpStatusCode.NotFound, "name");
        Assert.Equal(JsonValueKind.Array, (await Get("/api/pods")).ValueKind);
    }

    [Fact]
    public async Task An_operator_s_taint_reaches_the_scheduler_s_view_of_the_node_until_it_is_removed()
    {
        Assert.True(Schedulable("ash-gpu-01"));

        using (var tainted = await Post("/api/nodes/ash-gpu-01/taints", """{"key":"selene.io/maintenance","value":"disk","effect":"NoSchedule"}"""))
        {
            Assert.Equal(HttpStatusCode.OK, tainted.StatusCode);
        }

        Assert.False(Schedulable("ash-gpu-01"));
        var taints = (await Get("/api/nodes/ash-gpu-01")).GetProperty("taints").EnumerateArray().Select(t => t.GetProperty("key").GetString());
        Assert.Equal(["selene.io/maintenance"], taints);

        using (var removed = await _http.DeleteAsync("/api/nodes/ash-gpu-01/taints?key=selene.io/maintenance"))
        {
            Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        }

        Assert.True(Schedulable("ash-gpu-01"));

        using var badEffect = await Post("/api/nodes/ash-gpu-01/taints", """{"key":"a","effect":"Sometimes"}""");
        await AssertProblem(badEffect, HttpStatusCode.BadRequest, "effect");
        using var badKey = await Post("/api/nodes/ash-gpu-01/taints", """{"key":"not a key!","effect":"NoSchedule"}""");
        await AssertProblem(badKey, HttpStatusCode.BadRequest, "key");
        using var badValue = await Post("/api/nodes/ash-gpu-01/taints", """{"key":"a","value":7,"effect":"NoSchedule"}""");
        await AssertProblem(badValue, HttpStatusCode.BadRequest, "value");
        using var noNode = await Post("/api/nodes/nowhere/taints", """{"key":"a","effect":"NoSchedule"}""");
        await AssertProblem(noNode, HttpStatusCode.NotFound, "name");
    }

    [Fact]
    public async Task A_reported_fault_taints_its_node_as_the_twin_s_do_and_joins_the_feed()
    {
        var before = (await Get("/api/faults?limit=1000")).EnumerateArray().Select(f => f.GetProperty("id").GetInt64()).DefaultIfEmpty(0).Max();
        using (var reported = await Post("/api/faults", """{"node":"fra-gpu-02","type":"upset-gpu-hang"}"""))
        {
            Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
        }

        var taint = (await Get("/api/nodes/fra-gpu-02")).GetProperty("taints").EnumerateArray().Single();
        Assert.Equal(("selene.io/cosmic-event", "upset-gpu-hang", "NoSchedule"), (taint.GetProperty("key").GetString(), taint.GetProperty("value").GetString(), taint.GetProperty("effect").GetString()));
        Assert.False(Schedulable("fra-gpu-02"));

        var feed = (await Get($"/api/faults?after={before}&limit=1000")).EnumerateArray().ToList();
        var mine = feed.Single(f => f.GetProperty("source").GetString() == "operator");
        Assert.Equal(("fra-gpu-02", "upset-gpu-hang", "error"), (mine.GetProperty("node").GetString(), mine.GetProperty("type").GetString(), mine.GetProperty("severity").GetString()));
        Assert.All(feed, f => Assert.True(f.GetProperty("id").GetInt64() > before));

        using var badType = await Post("/api/faults", """{"node":"fra-gpu-02","type":"gremlins"}""");
        await AssertProblem(badType, HttpStatusCode.BadRequest, "type");
        using var noNode = await Post("/api/faults", """{"node":"nowhere","type":"upset-gpu-hang"}""");
        await AssertProblem(noNode, HttpStatusCode.NotFound, "node");
        using var badLimit = await _http.GetAsync("/api/faults?limit=0");
        await AssertProblem(badLimit, HttpStatusCode.BadRequest, "limit");
    }

    [Fact]
    public async Task The_live_twin_keeps_up_with_the_clock_without_running_ahead_of_it()
    {
        var first = await Twin();
        await Task.Delay(1500);
        var second = await Twin();
        var elapsed = Stopwatch.GetElapsedTime(_startedAt).TotalSeconds;

        Assert.True(second.Seconds > first.Seconds, $"{first.Seconds} then {second.Seconds}");
        Assert.True(second.Seconds <= Speed * elapsed, $"twin at {second.Seconds} s, clock at {Speed * elapsed} s");
        // It was behind by at most a tick and a slice when asked (the built-in scenario runs far faster than ×3600).
        Assert.True(second.Seconds >= Speed * (elapsed - 1.5 - 2 * Selene.Server.Twin.LiveTwin.TickInterval.TotalSeconds) - 3600, $"twin at {second.Seconds} s after {elapsed} s");
        Assert.Equal(BuiltInScenarios.Load(BuiltInScenarios.Default).Epoch.AddSeconds(second.Seconds), second.Time);
    }

    [Fact]
    public async Task The_stream_sends_the_twin_s_state_as_server_sent_events_each_later_than_the_last()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/twin/stream");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var states = new List<JsonElement>();
        string? eventType = null;
        while (states.Count < 4 && await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                eventType = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                Assert.Equal("state", eventType);
                states.Add(JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone());
            }
        }

        var seconds = states.Select(s => s.GetProperty("seconds").GetDouble()).ToList();
        Assert.True(seconds.Zip(seconds.Skip(1)).All(p => p.Second > p.First), string.Join(", ", seconds));
        var lunar = states[^1].GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("name").GetString() == "lunar-gpu-01");
        Assert.Contains("latency=high:NoSchedule", lunar.GetProperty("taints").EnumerateArray().Select(t => t.GetString()));
        var rim = states[^1].GetProperty("sites").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "shackleton-rim");
        Assert.InRange(rim.GetProperty("link").GetProperty("lightTimeSeconds").GetDouble(), 1.19, 1.36);
    }

    [Fact]
    public async Task Power_over_the_run_and_the_link_power_and_tenants_now_are_served_and_in_the_metrics()
    {
        var power = (await Get("/api/twin/power")).EnumerateArray().Single();
        Assert.Equal("shackleton-rim", power.GetProperty("site").GetString());
        var charge = power.GetProperty("stateOfCharge").EnumerateArray().Select(v => v.GetDouble()).ToList();
        Assert.Equal(7 * 24, charge.Count);
        Assert.All(charge, c => Assert.InRange(c, 0, 1));

        while ((await Twin()).Seconds == 0)
        {
            await Task.Delay(50);
        }

        using var response = await _http.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.InRange(Gauge(text, "selene_link_light_time_seconds{site=\"shackleton-rim\"}"), 1.19, 1.36);
        Assert.InRange(Gauge(text, "selene_power_state_of_charge_ratio{site=\"shackleton-rim\"}"), 0, 1);
        Assert.Equal(32, Gauge(text, "selene_site_gpus{site=\"ashburn\"}"));
        Assert.True(Gauge(text, "selene_twin_simulated_seconds") > 0);
        Assert.Contains("selene_twin_requests{tenant=\"chat\",outcome=\"served\"}", text, StringComparison.Ordinal);
        Assert.Equal(7, Gauge(text, "selene_cluster_nodes"));

        var workloads = await Get("/api/workloads");
        var chat = workloads.GetProperty("tenants").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "chat");
        Assert.Equal("interactive", chat.GetProperty("class").GetString());
        Assert.True(chat.GetProperty("live").GetProperty("arrived").GetInt64() > 0);
        var current = await Get("/api/scenarios/current");
        Assert.Equal("earth-moon", current.GetProperty("name").GetString());
        Assert.Equal(["shackleton-rim"], current.GetProperty("powerSites").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task A_scenario_is_validated_before_it_is_run_with_each_error_s_line_and_field()
    {
        var text = BuiltInScenarios.Text(BuiltInScenarios.Default);
        using var valid = await Post("/api/scenarios/validate", text, "application/yaml");
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal("earth-moon", JsonDocument.Parse(await valid.Content.ReadAsStringAsync()).RootElement.GetProperty("scenario").GetProperty("name").GetString());

        var broken = text.Replace("duration: 7d", "duration: seven days", StringComparison.Ordinal);
        using var invalid = await Post("/api/scenarios/validate", broken, "application/yaml");
        var problem = await AssertProblem(invalid, HttpStatusCode.UnprocessableEntity, "duration");
        var error = problem.GetProperty("errors").EnumerateArray().First();
        Assert.Equal(6, error.GetProperty("line").GetInt32());
        Assert.Equal("duration", error.GetProperty("field").GetString());
    }

    // Whether Kubernetes' taint rule lets a pod without tolerations onto the node, as Selene's scheduler sees it.
    private bool Schedulable(string node)
    {
        var info = _cluster.Snapshot.Node(node)!;
        var pod = new PodInfo(new V1Pod { Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "chat" }, Spec = new V1PodSpec() }, _cluster.Snapshot.Resources, 0, 0);
        return new TaintToleration().Filter(new CycleState(), pod, info).IsSuccess;
    }

    private async Task<(double Seconds, DateTimeOffset Time)> Twin()
    {
        for (var attempt = 0; ; attempt++)
        {
            using var response = await _http.GetAsync("/api/twin");
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < 100)
            {
                await Task.Delay(100);
                continue;
            }

            var state = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            return (state.GetProperty("seconds").GetDouble(), state.GetProperty("time").GetDateTimeOffset());
        }
    }

    private async Task<JsonElement> Get(string path)
    {
        using var response = await _http.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private Task<HttpResponseMessage> Post(string path, string body, string mediaType = "application/json") =>
        _http.PostAsync(path, new StringContent(body, Encoding.UTF8, mediaType));

    private static async Task<JsonElement> AssertProblem(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal(field, problem.GetProperty("field").GetString());
        return problem;
    }

    private static double Gauge(string metrics, string series) =>
        double.Parse(metrics.Split('\n').Single(l => l.StartsWith(series + " ", StringComparison.Ordinal))[(series.Length + 1)..], CultureInfo.InvariantCulture);
}
