using k8s.Models;
using Selene.Cluster.Scheduling.Framework;
using Selene.Cluster.Scheduling.Plugins;
using static Selene.Cluster.Tests.Scheduling.Build;

namespace Selene.Cluster.Tests.Scheduling;

public class NodeAffinityTests
{
    private static readonly Dictionary<string, string> s_labels = new()
    {
        ["topology.kubernetes.io/zone"] = "antarctic-east1",
        ["disktype"] = "ssd",
        ["gpu-count"] = "8",
    };

    public static TheoryData<string, Dictionary<string, string>?, V1Affinity?, bool> Cases => new()
    {
        // kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node: nodeSelector "Kubernetes only
        // schedules the Pod onto nodes that have each of the labels you specify".
        { "nodeSelector: every label must match", new() { ["disktype"] = "ssd" }, null, true },
        { "nodeSelector: one label off rejects", new() { ["disktype"] = "ssd", ["zone"] = "x" }, null, false },
        { "In: the label's value is in the set", null, RequiredNodeAffinity(Term(Requirement("topology.kubernetes.io/zone", "In", "antarctic-east1", "antarctic-west1"))), true },
        { "In: a missing label does not match", null, RequiredNodeAffinity(Term(Requirement("missing", "In", "x"))), false },
        { "NotIn: a value outside the set matches", null, RequiredNodeAffinity(Term(Requirement("disktype", "NotIn", "hdd"))), true },
        { "NotIn: a missing label matches", null, RequiredNodeAffinity(Term(Requirement("missing", "NotIn", "x"))), true },
        { "Exists", null, RequiredNodeAffinity(Term(Requirement("disktype", "Exists"))), true },
        { "DoesNotExist", null, RequiredNodeAffinity(Term(Requirement("disktype", "DoesNotExist"))), false },
        // "Gt: the field value will be parsed as an integer, and that integer is greater than the value".
        { "Gt compares integers", null, RequiredNodeAffinity(Term(Requirement("gpu-count", "Gt", "4"))), true },
        { "Lt compares integers", null, RequiredNodeAffinity(Term(Requirement("gpu-count", "Lt", "4"))), false },
        // "If you specify multiple terms in nodeSelectorTerms ... the Pod can be scheduled onto a node if one of the specified terms can be satisfied (terms are ORed)."
        { "terms are ORed", null, RequiredNodeAffinity(Term(Requirement("disktype", "In", "hdd")), Term(Requirement("gpu-count", "Exists"))), true },
        // "If you specify multiple expressions in a single matchExpressions field ... only if all the expressions are satisfied (expressions are ANDed)."
        { "expressions are ANDed", null, RequiredNodeAffinity(Term(Requirement("disktype", "In", "ssd"), Requirement("gpu-count", "Lt", "4"))), false },
        // "If you specify both nodeSelector and nodeAffinity, both must be satisfied".
        { "nodeSelector and affinity must both hold", new() { ["disktype"] = "hdd" }, RequiredNodeAffinity(Term(Requirement("disktype", "Exists"))), false },
        // API reference, NodeSelectorTerm: "A null or empty node selector term matches no objects."
        { "an empty term matches nothing", null, RequiredNodeAffinity(new V1NodeSelectorTerm()), false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Required_affinity_and_nodeSelector_follow_the_documented_rules(string because, Dictionary<string, string>? nodeSelector, V1Affinity? affinity, bool fits)
    {
        var (_, snapshot) = Scheduler([Node("n1", labels: s_labels)]);
        var status = new NodeAffinity().Filter(new CycleState(), Info(snapshot, Pod("p", nodeSelector: nodeSelector, affinity: affinity)), snapshot.Node("n1")!);
        Assert.True(status.IsSuccess == fits, because);
        if (!fits)
        {
            Assert.Equal("node(s) didn't match Pod's node affinity/selector", status.Reason);
        }
    }

    [Fact]
    public void Preferred_terms_add_their_weights_and_the_heavier_term_wins()
    {
        // Docs, "Node affinity weight": two preferred terms of weight 1 (label-1) and 50 (label-2); "the
        // scheduler ... schedules the Pod onto the node with the highest final score" — the label-2 node.
        var (scheduler, snapshot) = Scheduler([
            Node("node-1", labels: new() { ["label-1"] = "key-1" }),
            Node("node-2", labels: new() { ["label-2"] = "key-2" })]);
        var affinity = new V1Affinity
        {
            NodeAffinity = new V1NodeAffinity
            {
                PreferredDuringSchedulingIgnoredDuringExecution =
                [
                    new V1PreferredSchedulingTerm { Preference = new V1NodeSelectorTerm { MatchExpressions = [Requirement("label-1", "In", "key-1")] }, Weight = 1 },
                    new V1PreferredSchedulingTerm { Preference = new V1NodeSelectorTerm { MatchExpressions = [Requirement("label-2", "In", "key-2")] }, Weight = 50 },
                ],
            },
        };
        var result = scheduler.Schedule(Info(snapshot, Pod("p", affinity: affinity)));
        Assert.Equal("node-2", result.Node!.Name);
        // Raw 1 and 50, normalised to 100·1/50 = 2 and 100, weight 2.
        Assert.Equal(1, result.Decision!.Score["node-1"]["NodeAffinity"]);
        Assert.Equal(4, result.Decision.FinalScore["node-1"]["NodeAffinity"]);
        Assert.Equal(200, result.Decision.FinalScore["node-2"]["NodeAffinity"]);
    }
}
