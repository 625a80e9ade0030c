using k8s.Models;
using Selene.Cluster.Manifests;
using Selene.Simulation.Randomness;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.Tests;

/// <summary>Small scenarios built in code, for tests that need exact control over one queue or one link.</summary>
internal static class ScenarioBuilder
{
    public static readonly LinkSpec Link = new("earth-moon", 1.282, 200e6, 0, 3.064);

    public static readonly V1Taint LatencyHigh = new() { Key = "latency", Value = "high", Effect = "NoSchedule" };

    public static readonly V1Toleration ToleratesLatency = new() { Key = "latency", OperatorProperty = "Exists", Effect = "NoSchedule" };

    /// <summary>The three NASA DSN sites, about 120° apart in longitude, with 10° masks.</summary>
    public static readonly SiteSpec[] DeepSpaceStations =
    [
        new("goldstone", SiteLocation.Earth, 35.4267, -116.89) { ElevationMaskDegrees = 10 },
        new("madrid", SiteLocation.Earth, 40.4313, -4.248) { ElevationMaskDegrees = 10 },
        new("canberra", SiteLocation.Earth, -35.4014, 148.9817) { ElevationMaskDegrees = 10 },
    ];

    public static ClusterNode Node(string name, int gpus, params V1Taint[] taints) => ClusterNode.WithGpus(name, gpus, taints);

    /// <summary>The built-in scenario, its text edited by <paramref name="edit"/> before it is read.</summary>
    public static Scenario BuiltIn(Func<string, string> edit) =>
        BuiltInScenarios.Parse(edit(BuiltInScenarios.Text(BuiltInScenarios.Default)), "earth-moon.yaml");

    /// <summary>The built-in scenario's text without its <c>relays:</c> section: the rim's direct link alone.</summary>
    public static string WithoutRelays(string yaml) =>
        yaml[..yaml.IndexOf("relays:\n", StringComparison.Ordinal)] + yaml[yaml.IndexOf("nodes:\n", StringComparison.Ordinal)..];

    /// <summary>A tenant of whole requests on H100s, served by <paramref name="replicas"/> fixed replicas of one GPU each.</summary>
    public static TenantSpec Tenant(string name, double ratePerSecond, IContinuousDistribution service,
        double budget = 10, WorkloadClass workloadClass = WorkloadClass.Interactive, int priority = 0,
        double requestBytes = 0, double replyBytes = 0, int replicas = 1, params V1Toleration[] tolerations) => new(
        name, workloadClass, priority, budget, new ArrivalSpec(ratePerSecond, 0, 0), requestBytes, replyBytes,
        new Dictionary<string, IContinuousDistribution> { ["H100"] = service }, tolerations,
        Serving: ServingSpec.WholeRequests(new ReplicaSpec(replicas, replicas, replicas, AutoscaleMetric.Queue, double.NaN)) with { GpuTypes = ["H100"] });

    /// <summary>
    /// A tenant served by <paramref name="replicas"/> fixed replicas of llama-3.1-8b on one H100 each, its requests
    /// 512 prompt and 64 output tokens, held to <paramref name="budget"/> end to end; its model loads in 5 s.
    /// </summary>
    public static TenantSpec ServingTenant(string name, double ratePerSecond, int replicas, double budget = 60,
        WorkloadClass workloadClass = WorkloadClass.Interactive, WorkloadKind kind = WorkloadKind.Deployment, params V1Toleration[] tolerations) => new(
        name, workloadClass, 0, budget, new ArrivalSpec(ratePerSecond, 0, 0), 0, 0,
        new Dictionary<string, IContinuousDistribution>(), tolerations,
        Serving: new ServingSpec(Selene.Serving.Models.ModelTable.Find("llama-3.1-8b")!, 1, Selene.Serving.Hardware.WeightType.Bf16,
            Selene.Serving.Hardware.EngineProfiles.Vllm, null, null, 0.9, 8, new ReplicaSpec(replicas, replicas, replicas, AutoscaleMetric.Running, double.NaN), 5)
        {
            Workload = kind,
            GpuTypes = ["H100"],
        },
        Slo: SloSpec.EndToEnd(budget),
        Tokens: new DistributionTokens(new ConstantDistribution(512), new ConstantDistribution(64)));

    /// <summary>One Earth site with one node of <paramref name="gpus"/> GPUs and the given tenants.</summary>
    public static Scenario SingleNode(int gpus, double durationSeconds, ulong seed, params TenantSpec[] tenants) =>
        Sites(durationSeconds, seed, [new NodeSpec(Node("node-1", gpus), "earth", "H100")], [], tenants);

    public static Scenario Sites(double durationSeconds, ulong seed, IReadOnlyList<NodeSpec> nodes,
        IReadOnlyList<LaunchSpec> launches, params TenantSpec[] tenants) => new(
        "test",
        "<test>",
        seed,
        durationSeconds,
        new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero),
        [new GpuTypeSpec("H100", null)],
        [new SiteSpec("earth", SiteLocation.Earth, 39, -77), new SiteSpec("moon", SiteLocation.Moon, -88.74, 124.5)],
        nodes,
        launches,
        Link,
        tenants,
        []);
}
