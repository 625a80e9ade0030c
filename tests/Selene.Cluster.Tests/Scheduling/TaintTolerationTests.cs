using k8s.Models;
using Selene.Cluster.Scheduling.Framework;
using Selene.Cluster.Scheduling.Plugins;
using static Selene.Cluster.Tests.Scheduling.Build;

namespace Selene.Cluster.Tests.Scheduling;

public class TaintTolerationTests
{
    public static TheoryData<string, V1Taint[], V1Toleration[], bool> FilterCases => new()
    {
        // kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration: "the pod will not be able to
        // schedule onto the node, because there is no toleration matching the third taint".
        { "docs: three taints, two tolerated — the NoSchedule one left rejects",
            [Taint("key1", "value1", "NoSchedule"), Taint("key1", "value1", "NoExecute"), Taint("key2", "value2", "NoSchedule")],
            [Toleration("key1", "Equal", "value1", "NoSchedule"), Toleration("key1", "Equal", "value1", "NoExecute")], false },
        // Same page: a PreferNoSchedule taint is "a preference or soft version of NoSchedule" — never a filter.
        { "docs: an untolerated PreferNoSchedule taint does not filter", [Taint("key1", "value1", "PreferNoSchedule")], [], true },
        // "An empty key with operator Exists matches all keys, values and effects which means this will tolerate everything."
        { "docs: an empty key with Exists tolerates everything", [Taint("a", "1", "NoSchedule"), Taint("b", null, "NoExecute")], [Toleration(null, "Exists", null, null)], true },
        // "An empty effect matches all effects with key key1."
        { "docs: an empty effect matches every effect of that key", [Taint("key1", "v", "NoSchedule"), Taint("key1", "v", "NoExecute")], [Toleration("key1", "Exists", null, null)], true },
        // "the operator is Equal and the values should be equal".
        { "docs: Equal needs the same value", [Taint("key1", "value1", "NoSchedule")], [Toleration("key1", "Equal", "value2", "NoSchedule")], false },
        // A NoExecute taint also keeps pods off at scheduling time.
        { "docs: an untolerated NoExecute taint rejects", [Taint("node.kubernetes.io/unreachable", null, "NoExecute")], [], false },
        // KEP-5471 (v1.35 alpha): Lt tolerates a taint whose integer value is below the toleration's.
        { "KEP-5471: Lt on an integer taint", [Taint("selene.io/radiation", "20", "NoSchedule")], [Toleration("selene.io/radiation", "Lt", "50", "NoSchedule")], true },
        { "KEP-5471: Lt rejects a value above", [Taint("selene.io/radiation", "80", "NoSchedule")], [Toleration("selene.io/radiation", "Lt", "50", "NoSchedule")], false },
        { "KEP-5471: Gt on an integer taint", [Taint("selene.io/latency-ms", "1282", "NoSchedule")], [Toleration("selene.io/latency-ms", "Gt", "1000", "NoSchedule")], true },
    };

    [Theory]
    [MemberData(nameof(FilterCases))]
    public void Filter_follows_the_documented_rules(string because, V1Taint[] taints, V1Toleration[] tolerations, bool fits)
    {
        var (_, snapshot) = Scheduler([Node("n1", taints: taints)]);
        var status = new TaintToleration().Filter(new CycleState(), Info(snapshot, Pod("p", tolerations: tolerations)), snapshot.Node("n1")!);
        Assert.True(status.IsSuccess == fits, $"{because}: {status}");
        if (!fits)
        {
            Assert.Equal(StatusCode.UnschedulableAndUnresolvable, status.Code);
            Assert.StartsWith("node(s) had untolerated taint {", status.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void PreferNoSchedule_taints_steer_pods_away_when_another_node_fits()
    {
        // Docs: "the system will try to avoid placing a pod that does not tolerate the taint on the node, but it
        // is not required." Score = untolerated PreferNoSchedule taints, normalised reversed (TaintToleration).
        var (scheduler, snapshot) = Scheduler([
            Node("soft-tainted", taints: [Taint("dedicated", "gpu", "PreferNoSchedule"), Taint("noisy", null, "PreferNoSchedule")]),
            Node("one-taint", taints: [Taint("noisy", null, "PreferNoSchedule")]),
            Node("clean")]);
        var result = scheduler.Schedule(Info(snapshot, Pod("p")));
        Assert.Equal("clean", result.Node!.Name);
        var final = result.Decision!.FinalScore;
        // Weight 3: 2 taints → 0, 1 taint → 100 − 100·1/2 = 50 → 150, none → 100 → 300.
        Assert.Equal([0L, 150L, 300L], new[] { "soft-tainted", "one-taint", "clean" }.Select(n => final[n]["TaintToleration"]));

        var tolerant = scheduler.Schedule(Info(snapshot, Pod("q", tolerations: [Toleration(null, "Exists", null, "PreferNoSchedule")])));
        Assert.Equal(300L, tolerant.Decision!.FinalScore["soft-tainted"]["TaintToleration"]);
    }

    [Fact]
    public void A_cordoned_node_is_skipped_unless_the_pod_tolerates_the_unschedulable_taint()
    {
        // NodeUnschedulable: spec.unschedulable rejects unless the pod tolerates node.kubernetes.io/unschedulable:NoSchedule.
        var (_, snapshot) = Scheduler([Node("cordoned", unschedulable: true)]);
        var plugin = new NodeUnschedulable();
        Assert.Equal(NodeUnschedulable.Reason, plugin.Filter(new CycleState(), Info(snapshot, Pod("p")), snapshot.Node("cordoned")!).Reason);
        Assert.True(plugin.Filter(new CycleState(), Info(snapshot, Pod("d", tolerations: [Toleration("node.kubernetes.io/unschedulable", "Exists", null, "NoSchedule")])), snapshot.Node("cordoned")!).IsSuccess);
    }
}
