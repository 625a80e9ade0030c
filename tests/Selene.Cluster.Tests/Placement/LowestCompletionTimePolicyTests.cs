using k8s.Models;
using Selene.Cluster.Manifests;
using Selene.Cluster.Placement;

namespace Selene.Cluster.Tests.Placement;

public class LowestCompletionTimePolicyTests
{
    private static readonly LowestCompletionTimePolicy s_policy = new();

    private static NodeProfile NodeWith(int gpus, string gpuType = "H100", double roundTrip = 0, params V1Taint[] taints)
    {
        return new NodeProfile(ClusterNode.WithGpus("n", gpus, taints), "site", gpuType, roundTrip);
    }

    private static WorkloadProfile WorkloadWith(double budget, params V1Toleration[] tolerations) =>
        new("w", tolerations, budget, new HashSet<string> { "H100" });

    private static readonly V1Taint s_latencyHigh = new() { Key = "latency", Value = "high", Effect = "NoSchedule" };
    private static readonly V1Toleration s_toleratesLatency = new() { Key = "latency", OperatorProperty = "Equal", Value = "high", Effect = "NoSchedule" };

    public static TheoryData<string, WorkloadProfile, NodeProfile, string?> FilterCases => new()
    {
        { "an Earth GPU node takes an interactive workload", WorkloadWith(2), NodeWith(8), null },
        { "a node without GPUs is rejected", WorkloadWith(2), NodeWith(0), "no nvidia.com/gpu capacity" },
        { "a GPU type without a service model is rejected", WorkloadWith(2), NodeWith(8, "L40S"), "no service-time model for GPU type L40S" },
        { "a pod without a toleration is rejected by a node tainted latency=high", WorkloadWith(3600), NodeWith(8, taints: s_latencyHigh), "untolerated taint latency=high:NoSchedule" },
        { "a tolerating batch workload is accepted by a lunar node", WorkloadWith(3600, s_toleratesLatency), NodeWith(8, roundTrip: 2.564, taints: s_latencyHigh), null },
        { "a 2 s budget cannot cover a 2.564 s round trip", WorkloadWith(2, s_toleratesLatency), NodeWith(8, roundTrip: 2.564, taints: s_latencyHigh), "exceeds the 2 s budget" },
    };

    [Theory]
    [MemberData(nameof(FilterCases))]
    public void The_filter_admits_only_nodes_a_workload_can_use(string because, WorkloadProfile workload, NodeProfile node, string? reason)
    {
        var status = s_policy.Filter(workload, node);
        Assert.True(status.Feasible == (reason is null), because);
        if (reason is not null)
        {
            Assert.Contains(reason, status.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_node_with_the_lowest_expected_completion_is_chosen_and_ties_go_to_the_first()
    {
        Assert.Equal(1, s_policy.Choose([new(0, 5), new(1, 2), new(2, 3)]));
        Assert.Equal(0, s_policy.Choose([new(0, 2), new(1, 2)]));
        Assert.Equal(-1, s_policy.Choose([]));
    }
}
