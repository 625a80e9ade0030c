using Selene.Cluster.Scheduling.Framework;
using Selene.Cluster.Scheduling.Plugins;
using static Selene.Cluster.Tests.Scheduling.Build;

namespace Selene.Cluster.Tests.Scheduling;

public class ResourceFitTests
{
    public static TheoryData<string, string, string, string?, string?, string?, string?, string?> FilterCases => new()
    {
        // kubernetes.io/docs/concepts/configuration/manage-resources-containers: "the scheduler ensures that,
        // for each resource type, the sum of the resource requests of the scheduled containers is less than the
        // capacity of the node". Node 4 CPU / 16Gi with a pod of 3 CPU / 8Gi already bound.
        { "fits in what is left", "4", "16Gi", null, "1", "8Gi", null, null },
        { "one millicore too many CPU", "4", "16Gi", null, "1001m", null, null, "Insufficient cpu" },
        { "too much memory", "4", "16Gi", null, null, "9Gi", null, "Insufficient memory" },
        { "both short: both reasons", "4", "16Gi", null, "2", "9Gi", null, "Insufficient cpu, Insufficient memory" },
        // Extended resources: "the scheduler ... checks that the node has enough of the extended resource".
        { "a GPU the node does not have", "4", "16Gi", null, null, null, "1", "Insufficient nvidia.com/gpu" },
        { "GPUs the node has", "4", "16Gi", "8", null, null, "8", null },
        // Pod count: allocatable "pods" (here 1, taken by the bound pod).
        { "a node at its pod limit", "4", "16Gi", null, null, null, null, "Too many pods" },
    };

    [Theory]
    [MemberData(nameof(FilterCases))]
    public void Filter_checks_every_requested_resource_against_what_is_left(string because, string cpu, string memory, string? gpus,
        string? podCpu, string? podMemory, string? podGpus, string? reason)
    {
        var node = Node("n1", cpu, memory, gpus, pods: because.Contains("pod limit", StringComparison.Ordinal) ? "1" : null);
        var (_, snapshot) = Scheduler([node], [(Pod("existing", "3", "8Gi"), "n1", 0)]);
        var status = new NodeResourcesFit(snapshot.Resources).Filter(new CycleState(), Info(snapshot, Pod("p", podCpu, podMemory, podGpus)), snapshot.Node("n1")!);
        Assert.True(reason is null ? status.IsSuccess : status.Reason == reason && status.Code == StatusCode.Unschedulable, $"{because}: {status}");
    }

    // The expected scores are the ones kube-scheduler's own unit tests assert for "nothing scheduled, resources
    // requested, differently sized nodes": node1 4000m/10000, node2 6000m/10000, pod 3000m/5000
    // (pkg/scheduler/framework/plugins/noderesources: least_allocated_test.go, most_allocated_test.go,
    // requested_to_capacity_ratio_test.go, balanced_allocation_test.go).
    [Theory]
    [InlineData(ScoringStrategyType.LeastAllocated, 37, 50)]
    [InlineData(ScoringStrategyType.MostAllocated, 62, 50)]
    [InlineData(ScoringStrategyType.RequestedToCapacityRatio, 38, 50)]
    public void Scoring_strategies_give_kube_schedulers_scores(ScoringStrategyType type, long node1, long node2)
    {
        var (_, snapshot) = Scheduler([Node("node1", "4000m", "10000"), Node("node2", "6000m", "10000")]);
        var strategy = new ScoringStrategy { Type = type, Shape = [new(0, 10), new(100, 0)] };
        var plugin = new NodeResourcesFit(snapshot.Resources, strategy);
        var pod = Info(snapshot, Pod("p", "3000m", "5000"));
        Assert.Equal(node1, plugin.Score(new CycleState(), pod, snapshot.Node("node1")!));
        Assert.Equal(node2, plugin.Score(new CycleState(), pod, snapshot.Node("node2")!));
    }

    [Fact]
    public void Balanced_allocation_scores_one_minus_the_spread_of_the_fractions()
    {
        // balanced_allocation_test.go, same case: fractions 0.75/0.5 → 1 − 0.125 → 87; 0.5/0.5 → 100.
        var (_, snapshot) = Scheduler([Node("node1", "4000m", "10000"), Node("node2", "6000m", "10000")]);
        var plugin = new NodeResourcesBalancedAllocation(snapshot.Resources);
        var pod = Info(snapshot, Pod("p", "3000m", "5000"));
        Assert.Equal(87, plugin.Score(new CycleState(), pod, snapshot.Node("node1")!));
        Assert.Equal(100, plugin.Score(new CycleState(), pod, snapshot.Node("node2")!));
        Assert.Equal(StatusCode.Skip, plugin.PreScore(new CycleState(), Info(snapshot, Pod("best-effort")), [], snapshot).Code);
    }

    [Fact]
    public void A_pod_without_requests_is_scored_with_100m_and_200Mi_per_container()
    {
        // Scoring uses DefaultMilliCPURequest (100m) and DefaultMemoryRequest (200 MiB) for containers without
        // requests (pkg/scheduler/util/pod_resources.go), so best-effort pods still spread.
        var (_, snapshot) = Scheduler([Node("n", "1000m", "2000Mi")], [(Pod("empty"), "n", 0)]);
        var node = snapshot.Node("n")!;
        Assert.Equal(100, node.NonZeroRequestedMilliCpu);
        Assert.Equal(200L * 1024 * 1024 * 1000, node.NonZeroRequestedMemory);
        // Least allocated with the pod: cpu (1000 − 200)·100/1000 = 80, memory (2000 − 400)·100/2000 = 80.
        Assert.Equal(80, new NodeResourcesFit(snapshot.Resources).Score(new CycleState(), Info(snapshot, Pod("p")), node));
    }
}
