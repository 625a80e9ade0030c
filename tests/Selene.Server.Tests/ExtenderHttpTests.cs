using System.Net;
using System.Text;
using System.Text.Json;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Selene.Cluster.Manifests;
using Selene.Cluster.Scheduling;
using Selene.Simulation.Scheduling;
using Selene.Testing;

namespace Selene.Server.Tests;

/// <summary>The extender verbs over real HTTP to the running Kestrel host on loopback.</summary>
public sealed class ExtenderHttpTests : IAsyncLifetime, IDisposable
{
    private TestService _service = null!;
    private HttpClient _http = null!;
    private ClusterScheduler _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = new ClusterScheduler(environment: new EphemerisNodeEnvironment(new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        _cluster.Load(ManifestLoader.LoadPaths([RepositoryPaths.Of("examples/manifests")]));
        _service = await TestService.StartAsync(_ => new SeleneServerOptions { Cluster = _cluster, MaxRequestBodyBytes = 64 * 1024 });
        _http = _service.Client();
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    public void Dispose() => _http.Dispose();

    private static V1Pod Pod(string name, string? budgetMs = null) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "chat", Uid = "uid-" + name, Annotations = budgetMs is null ? null : new Dictionary<string, string> { ["selene.io/latency-budget-ms"] = budgetMs } },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["nvidia.com/gpu"] = new("1") } } }] },
    };

    private async Task<(HttpStatusCode Status, JsonElement Body)> Post(string verb, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync($"/scheduler/{verb}", content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static string Args(V1Pod pod, string[]? names = null, V1Node[]? nodes = null) =>
        $"{{\"Pod\":{KubernetesJson.Serialize(pod)},\"Nodes\":{(nodes is null ? "null" : KubernetesJson.Serialize(new V1NodeList { Items = nodes }))},\"NodeNames\":{(names is null ? "null" : JsonSerializer.Serialize(names))}}}";

    [Fact]
    public async Task Filter_by_name_answers_the_documented_shape_and_keeps_the_Moon_from_a_two_second_pod()
    {
        var (status, body) = await Post("filter", Args(Pod("chat-0", "2000"), names: ["ash-gpu-01", "lunar-gpu-01", "no-such-node"]));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["Nodes", "NodeNames", "FailedNodes", "FailedAndUnresolvableNodes", "Error"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("Nodes").ValueKind);
        Assert.Equal(["ash-gpu-01"], body.GetProperty("NodeNames").EnumerateArray().Select(n => n.GetString()));
        var unresolvable = body.GetProperty("FailedAndUnresolvableNodes");
        Assert.StartsWith("node(s) are 2.6", unresolvable.GetProperty("lunar-gpu-01").GetString(), StringComparison.Ordinal);
        Assert.Equal("node unknown to the Selene extender's cache", unresolvable.GetProperty("no-such-node").GetString());
        Assert.Equal("", body.GetProperty("Error").GetString());

        var metrics = await _http.GetStringAsync("/metrics");
        Assert.Contains("selene_scheduler_filtered_nodes_total{outcome=\"passed\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("selene_scheduler_filtered_nodes_total{outcome=\"unresolvable\"} 2", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filter_with_node_objects_answers_with_the_subset_of_those_objects_and_never_a_node_not_offered()
    {
        var offered = new[] { _cluster.Snapshot.Node("ash-gpu-02")!.Node, _cluster.Snapshot.Node("lunar-gpu-01")!.Node };
        var (status, body) = await Post("filter", Args(Pod("chat-1", "2000"), nodes: offered));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("NodeNames").ValueKind);
        var items = body.GetProperty("Nodes").GetProperty("items").EnumerateArray().Select(n => n.GetProperty("metadata").GetProperty("name").GetString()).ToList();
        Assert.Equal(["ash-gpu-02"], items);

        // Whatever the cluster holds, a reply names only offered nodes.
        var (_, byName) = await Post("filter", Args(Pod("batch"), names: ["fra-gpu-01"]));
        Assert.Equal(["fra-gpu-01"], byName.GetProperty("NodeNames").EnumerateArray().Select(n => n.GetString()));
    }

    [Fact]
    public async Task Prioritize_scores_from_zero_to_ten_in_the_order_offered()
    {
        var sunlit = _cluster.Snapshot.Node("lunar-gpu-01")!.Node;
        var grid = _cluster.Snapshot.Node("ash-gpu-01")!.Node;
        sunlit.Metadata.Annotations = new Dictionary<string, string> { ["selene.io/energy-source"] = "sunlight" };
        grid.Metadata.Annotations = new Dictionary<string, string> { ["selene.io/energy-source"] = "grid" };
        var (status, body) = await Post("prioritize", Args(Pod("train"), nodes: [grid, sunlit]));
        Assert.Equal(HttpStatusCode.OK, status);
        var list = body.EnumerateArray().Select(e => (e.GetProperty("Host").GetString(), e.GetProperty("Score").GetInt64())).ToList();
        Assert.Equal([("ash-gpu-01", 0L), ("lunar-gpu-01", 10L)], list);
    }

    [Fact]
    public async Task Bind_binds_a_known_pod_and_answers_an_error_for_an_unknown_one()
    {
        _cluster.Submit(Pod("bind-me"));
        var uid = _cluster.Store.Get<V1Pod>("chat", "bind-me")!.Metadata.Uid;
        var (status, body) = await Post("bind", $"{{\"PodName\":\"bind-me\",\"PodNamespace\":\"chat\",\"PodUID\":\"{uid}\",\"Node\":\"ash-gpu-01\"}}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("", body.GetProperty("Error").GetString());
        Assert.Equal("ash-gpu-01", _cluster.Store.Get<V1Pod>("chat", "bind-me")!.Spec.NodeName);

        var (_, missing) = await Post("bind", "{\"PodName\":\"ghost\",\"PodNamespace\":\"chat\",\"PodUID\":\"x\",\"Node\":\"ash-gpu-01\"}");
        Assert.Contains("not found", missing.GetProperty("Error").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{not json", "")]
    [InlineData("[]", "")]
    [InlineData("{\"NodeNames\":[\"a\"]}", "Pod")]
    [InlineData("{\"Pod\":{\"metadata\":{\"name\":\"p\"}},\"NodeNames\":5}", "NodeNames")]
    [InlineData("{\"Pod\":{\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"resources\":{\"requests\":{\"cpu\":\"32Gx\"}}}]}},\"NodeNames\":[\"a\"]}", "Pod")]
    [InlineData("{\"Pod\":{\"metadata\":{\"name\":\"p\"}}}", "Nodes")]
    public async Task Bad_bodies_get_a_problem_details_400_naming_the_field(string json, string field)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync("/scheduler/filter", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal(field, problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_huge_body_gets_413_and_health_needs_nothing()
    {
        using var content = new StringContent("{\"Pod\":\"" + new string('x', 200 * 1024) + "\"}", Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync("/scheduler/filter", content);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("ok", await _http.GetStringAsync("/healthz"));
    }
}

public class KubernetesExampleTests
{
    [Fact]
    public void The_deployment_manifests_are_valid_Kubernetes_and_the_scheduler_configuration_reads()
    {
        var objects = KubernetesYaml.LoadAllFromString(File.ReadAllText(RepositoryPaths.Of("examples/kubernetes/selene-extender.yaml")), strict: true);
        Assert.Equal(["ServiceAccount", "ClusterRoleBinding", "ClusterRoleBinding", "ConfigMap", "Deployment", "Service", "Deployment"], objects.Cast<IKubernetesObject>().Select(o => o.Kind));
        var config = objects.OfType<V1ConfigMap>().Single().Data["config.yaml"];
        // The ConfigMap carries the same configuration as the file beside it (comments aside).
        static string Canonical(string yaml) => JsonSerializer.Serialize(new YamlDotNet.Serialization.Deserializer().Deserialize<object>(yaml));
        Assert.Equal(Canonical(File.ReadAllText(RepositoryPaths.Of("examples/kubernetes/kube-scheduler-config.yaml"))), Canonical(config));

        var set = ManifestLoader.LoadPaths([RepositoryPaths.Of("examples/kubernetes/kube-scheduler-config.yaml")]);
        var diagnostics = new List<Selene.Core.Errors.InputDiagnostic>();
        var configuration = Selene.Cluster.Scheduling.Profiles.SchedulerConfigurationReader.Read(set.SchedulerConfigurations.Single(),
            new Selene.Cluster.Scheduling.Profiles.PluginContext(new Selene.Cluster.Resources.ResourceNames(), new Selene.Cluster.Scheduling.Space.AnnotationEnvironment()), diagnostics);
        Assert.Equal("selene-scheduler", Assert.Single(configuration!.Profiles).SchedulerName);
        Assert.Contains("extenders are called by kube-scheduler", Assert.Single(diagnostics).Message, StringComparison.Ordinal);
    }
}
