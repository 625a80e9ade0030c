using Selene.Cluster.Manifests;
using Selene.Cluster.Scheduling;
using Selene.Cluster.Scheduling.Framework;
using Selene.Cluster.Scheduling.Profiles;
using Selene.Cluster.Scheduling.Space;
using Selene.Testing;
using static Selene.Cluster.Tests.Scheduling.Build;

namespace Selene.Cluster.Tests.Scheduling;

public class SpacePluginTests
{
    // Mean Earth–Moon distance 384,400 km over c: 1.282 s one way.
    private const double MoonLightSeconds = 1.282;

    private sealed class FixedConditions(Dictionary<string, NodeConditions> byNode) : INodeEnvironment
    {
        public NodeConditions Conditions(NodeInfo node) => byNode.GetValueOrDefault(node.Name, NodeConditions.Unknown);
    }

    /// <summary>The seed node from examples/manifests (its manifest byte for byte) beside the two Ashburn nodes.</summary>
    private static (Scheduler Scheduler, ClusterSnapshot Snapshot) SeedCluster(EnergySource moonEnergy = EnergySource.Sunlight)
    {
        var set = ManifestLoader.LoadPaths([RepositoryPaths.Of("examples/manifests/lunar-gpu-01.yaml"), RepositoryPaths.Of("examples/manifests/earth-ashburn.yaml")]);
        Assert.False(set.HasErrors);
        var environment = new FixedConditions(new()
        {
            ["lunar-gpu-01"] = new("moon", MoonLightSeconds, true, null, null, null, null, moonEnergy),
            ["ash-gpu-01"] = new("earth", 0.005, true, null, null, null, null, EnergySource.Grid),
            ["ash-gpu-02"] = new("earth", 0.005, true, null, null, null, null, EnergySource.Grid),
        });
        return Build.Scheduler(set.Nodes.Select(n => n.Node), environment: environment);
    }

    private static readonly Dictionary<string, string> s_interactive = new() { [SpaceAnnotations.LatencyBudgetMs] = "2000" };

    [Fact]
    public void The_seed_node_rejects_a_pod_without_the_latency_toleration_and_accepts_one_with_it()
    {
        var (scheduler, snapshot) = SeedCluster();
        var moon = snapshot.Node("lunar-gpu-01")!;
        var plain = Info(snapshot, Pod("plain", "4", "32Gi", "1"));
        var tolerant = Info(snapshot, Pod("tolerant", "4", "32Gi", "1", tolerations: [Toleration("latency", "Equal", "high", "NoSchedule")]));
        Assert.Equal("node(s) had untolerated taint {latency: high}", scheduler.RunFilters(plain, moon).Reason);
        Assert.True(scheduler.RunFilters(tolerant, moon).IsSuccess);
    }

    [Fact]
    public void An_interactive_pod_with_a_two_second_budget_is_never_placed_on_the_Moon()
    {
        var (scheduler, snapshot) = SeedCluster();
        var tolerations = new[] { Toleration("latency", "Equal", "high", "NoSchedule") };
        // Fill Earth's 16 GPUs; the interactive pod must stay pending rather than go to the Moon.
        for (var i = 0; i < 16; i++)
        {
            Assert.StartsWith("ash-gpu-", scheduler.Schedule(Info(snapshot, Pod($"chat-{i}", "1", "1Gi", "1", tolerations: tolerations, annotations: s_interactive))).Node!.Name, StringComparison.Ordinal);
        }

        var result = scheduler.Schedule(Info(snapshot, Pod("chat-16", "1", "1Gi", "1", tolerations: tolerations, annotations: s_interactive)));
        Assert.Null(result.Node);
        Assert.Equal("node(s) are 2.564 s round-trip light time from their users, beyond the pod's 2 s latency budget", result.Decision!.Filter["lunar-gpu-01"]["LatencyBudget"]);
        Assert.Contains("2 Insufficient nvidia.com/gpu", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tolerating_batch_pod_goes_to_the_Moon_in_sunlight_and_stays_on_Earth_when_the_Moon_runs_on_storage()
    {
        var batch = Pod("train", "4", "32Gi", "1", tolerations: [Toleration("latency", "Equal", "high", "NoSchedule")]);
        var (sunlit, sunlitSnapshot) = SeedCluster(EnergySource.Sunlight);
        var day = sunlit.Schedule(Info(sunlitSnapshot, batch));
        Assert.Equal("lunar-gpu-01", day.Node!.Name);
        Assert.Equal(100, day.Decision!.FinalScore["lunar-gpu-01"]["EnergyCost"]);
        Assert.Equal(0, day.Decision.FinalScore["ash-gpu-01"]["EnergyCost"]);

        var (night, nightSnapshot) = SeedCluster(EnergySource.Storage);
        Assert.StartsWith("ash-gpu-", night.Schedule(Info(nightSnapshot, batch)).Node!.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void A_down_link_and_a_short_power_budget_reject_with_reasons_and_radiation_ranks_the_rest()
    {
        var environment = new FixedConditions(new()
        {
            ["dark"] = new(LinkUp: false, LinkChangeSeconds: 5400),
            ["weak"] = new(PowerBudgetWatts: 1000, GpuWatts: 700),
            ["noisy"] = new(UpsetsPerGpuDay: 0.5, LinkUp: true),
            ["quiet"] = new(UpsetsPerGpuDay: 0.01, LinkUp: true),
        });
        var (scheduler, snapshot) = Build.Scheduler(new[] { "dark", "weak", "noisy", "quiet" }.Select(n => Node(n, gpus: "8")), environment: environment);
        var result = scheduler.Schedule(Info(snapshot, Pod("p", "1", "1Gi", "2")));
        Assert.Equal("quiet", result.Node!.Name);
        Assert.Equal("node(s) unreachable: link down, next contact in 90 min", result.Decision!.Filter["dark"]["LinkAvailability"]);
        Assert.Equal("node(s) lack power headroom: the pod draws 1400 W with 1000 W of 1000 W left", result.Decision.Filter["weak"]["PowerHeadroom"]);
        Assert.Equal(0, result.Decision.FinalScore["noisy"]["RadiationRisk"]);
        // Reversed DefaultNormalizeScore: 100 − 100 · 0.01 / 0.5 = 98.
        Assert.Equal(98, result.Decision.FinalScore["quiet"]["RadiationRisk"]);
    }

    [Fact]
    public void On_Earth_only_input_the_space_plugins_change_nothing()
    {
        // Same nodes and pods through Kubernetes' own plugins and through the full Selene set: same placements
        // and the same per-plugin scores, the space plugins skipped.
        IEnumerable<k8s.Models.V1Node> Nodes() => Enumerable.Range(0, 20).Select(i => Node($"n{i}", cpu: $"{8 + (i % 5 * 8)}", memory: $"{32 + (i % 3 * 32)}Gi",
            labels: new() { ["topology.kubernetes.io/zone"] = $"z{i % 3}" }, taints: i % 7 == 0 ? [Taint("spot", null, "PreferNoSchedule")] : null));
        var (selene, seleneSnapshot) = Build.Scheduler(Nodes());
        var (kube, kubeSnapshot) = Build.Scheduler(Nodes(), profile: null, environment: null);
        kube = new Scheduler(kubeSnapshot, PluginRegistry.KubernetesProfile(new PluginContext(kubeSnapshot.Resources, new AnnotationEnvironment())), seed: 1, explain: true);
        for (var i = 0; i < 60; i++)
        {
            var pod = Pod($"p{i}", $"{(i % 4) + 1}", $"{(i % 3) + 1}Gi", labels: new() { ["app"] = $"a{i % 5}" });
            var a = selene.Schedule(Info(seleneSnapshot, pod));
            var b = kube.Schedule(Info(kubeSnapshot, pod));
            Assert.Equal(b.Node?.Name, a.Node?.Name);
            Assert.Equal(b.Decision!.FinalScore, a.Decision!.FinalScore);
        }
    }
}
