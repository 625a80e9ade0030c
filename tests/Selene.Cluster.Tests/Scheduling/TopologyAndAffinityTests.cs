using k8s.Models;
using Selene.Cluster.Scheduling.Plugins;
using static Selene.Cluster.Tests.Scheduling.Build;

namespace Selene.Cluster.Tests.Scheduling;

public class TopologyAndAffinityTests
{
    private static readonly Dictionary<string, string> s_foo = new() { ["foo"] = "bar" };

    private static V1Node Zoned(string name, string zone) => Node(name, labels: new() { ["zone"] = zone });

    private static V1TopologySpreadConstraint Spread(string key, int maxSkew, string when = "DoNotSchedule", int? minDomains = null) => new()
    {
        MaxSkew = maxSkew,
        TopologyKey = key,
        WhenUnsatisfiable = when,
        MinDomains = minDomains,
        LabelSelector = new V1LabelSelector { MatchLabels = s_foo },
    };

    // kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints, "Example: one
    // TopologySpreadConstraint": four nodes in zoneA (node1, node2) and zoneB (node3, node4), three pods
    // labelled foo: bar on node1, node2 and node3. "the incoming Pod can only be placed onto nodes in zone B".
    private static (Selene.Cluster.Scheduling.Scheduler, Selene.Cluster.Scheduling.Framework.ClusterSnapshot) DocsCluster() => Scheduler(
        [Zoned("node1", "zoneA"), Zoned("node2", "zoneA"), Zoned("node3", "zoneB"), Zoned("node4", "zoneB")],
        [(Pod("a", labels: s_foo), "node1", 0), (Pod("b", labels: s_foo), "node2", 0), (Pod("c", labels: s_foo), "node3", 0)]);

    [Fact]
    public void DoNotSchedule_keeps_the_skew_within_maxSkew_as_in_the_docs_example()
    {
        var (scheduler, snapshot) = DocsCluster();
        var result = scheduler.Schedule(Info(snapshot, Pod("mypod", labels: s_foo, spread: [Spread("zone", 1)])));
        Assert.Contains(result.Node!.Name, new[] { "node3", "node4" });
        Assert.Equal(PodTopologySpread.ConstraintsNotMatch, result.Decision!.Filter["node1"]["PodTopologySpread"]);
        Assert.Equal(PodTopologySpread.ConstraintsNotMatch, result.Decision.Filter["node2"]["PodTopologySpread"]);
    }

    [Fact]
    public void MaxSkew_two_allows_zone_A_too()
    {
        // Same page: "If we ... change maxSkew to 2, the incoming Pod can be placed onto any node." Skew in A: 2 + 1 − 1 = 2.
        var (scheduler, snapshot) = DocsCluster();
        var result = scheduler.Schedule(Info(snapshot, Pod("mypod", labels: s_foo, spread: [Spread("zone", 2)])));
        Assert.All(result.Decision!.Filter.Values, verdicts => Assert.Equal("passed", verdicts["PodTopologySpread"]));
    }

    [Fact]
    public void Nodes_without_the_topology_label_are_rejected_and_minDomains_raises_the_skew()
    {
        // "Nodes without the topologyKey label are ... not feasible" (missing required label). minDomains: "if
        // the number of eligible domains is less than minDomains, ... the global minimum is treated as 0".
        var (scheduler, snapshot) = Scheduler([Zoned("a1", "zoneA"), Node("bare")], [(Pod("x", labels: s_foo), "a1", 0)]);
        var result = scheduler.Schedule(Info(snapshot, Pod("p", labels: s_foo, spread: [Spread("zone", 1, minDomains: 2)])));
        Assert.Null(result.Node);
        Assert.Equal(PodTopologySpread.MissingLabel, result.Decision!.Filter["bare"]["PodTopologySpread"]);
        // In zoneA: 1 + 1 − 0 = 2 > 1.
        Assert.Equal(PodTopologySpread.ConstraintsNotMatch, result.Decision.Filter["a1"]["PodTopologySpread"]);
        Assert.Equal("0/2 nodes are available: 1 node(s) didn't match pod topology spread constraints, 1 node(s) didn't match pod topology spread constraints (missing required label).", result.Message.Split(" preemption")[0]);
    }

    [Fact]
    public void ScheduleAnyway_prefers_the_emptier_domain()
    {
        var (scheduler, snapshot) = DocsCluster();
        var result = scheduler.Schedule(Info(snapshot, Pod("mypod", labels: s_foo, spread: [Spread("zone", 1, "ScheduleAnyway")])));
        // Raw: zone A count 2 × ln(2 + 2) = 2.77 → 3; zone B 1.39 → 1; normalised 100·(3 + 1 − s)/3: A 33, B 100 (weight 2).
        Assert.Equal(3, result.Decision!.Score["node1"]["PodTopologySpread"]);
        Assert.Equal(1, result.Decision.Score["node3"]["PodTopologySpread"]);
        Assert.Equal(66, result.Decision.FinalScore["node1"]["PodTopologySpread"]);
        Assert.Equal(200, result.Decision.FinalScore["node3"]["PodTopologySpread"]);
        Assert.Contains(result.Node!.Name, new[] { "node3", "node4" });
    }

    private static V1PodAffinityTerm Term(string key, Dictionary<string, string> labels) =>
        new() { TopologyKey = key, LabelSelector = new V1LabelSelector { MatchLabels = labels } };

    [Fact]
    public void Required_anti_affinity_on_hostname_puts_each_replica_on_its_own_node()
    {
        // assign-pod-node docs, "Always co-located in the same node": a Deployment whose pods carry
        // podAntiAffinity on kubernetes.io/hostname against their own label lands one replica per node.
        var (scheduler, snapshot) = Scheduler([Node("n1"), Node("n2"), Node("n3")]);
        var app = new Dictionary<string, string> { ["app"] = "store" };
        var anti = new V1Affinity { PodAntiAffinity = new V1PodAntiAffinity { RequiredDuringSchedulingIgnoredDuringExecution = [Term("kubernetes.io/hostname", app)] } };
        var placed = Enumerable.Range(0, 3).Select(i => scheduler.Schedule(Info(snapshot, Pod($"store-{i}", labels: app, affinity: anti))).Node!.Name).ToList();
        Assert.Equal(3, placed.Distinct().Count());
        var fourth = scheduler.Schedule(Info(snapshot, Pod("store-3", labels: app, affinity: anti)));
        Assert.Null(fourth.Node);
        // The existing replicas' own anti-affinity is checked first (InterPodAffinity.Filter, satisfyExistingPodsAntiAffinity).
        Assert.StartsWith("0/3 nodes are available: 3 node(s) didn't satisfy existing pods anti-affinity rules.", fourth.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Required_affinity_follows_a_matching_pod_and_the_first_of_a_group_may_go_anywhere()
    {
        // "The affinity term is satisfied ... if ... at least one Pod in the topology domain matches"; kube-scheduler
        // lets a pod whose terms match only itself schedule when no such pod exists yet (the first of a group).
        var (scheduler, snapshot) = Scheduler([Zoned("a1", "zoneA"), Zoned("b1", "zoneB")]);
        var cache = new Dictionary<string, string> { ["app"] = "cache" };
        var withCache = new V1Affinity { PodAffinity = new V1PodAffinity { RequiredDuringSchedulingIgnoredDuringExecution = [Term("zone", cache)] } };
        var first = scheduler.Schedule(Info(snapshot, Pod("cache-0", labels: cache, affinity: withCache)));
        Assert.NotNull(first.Node);
        var web = scheduler.Schedule(Info(snapshot, Pod("web", affinity: withCache)));
        Assert.Equal(first.Node!.Name, web.Node!.Name);
        var other = first.Node.Name == "a1" ? "b1" : "a1";
        Assert.Equal(InterPodAffinity.AffinityNotMatch, web.Decision!.Filter[other]["InterPodAffinity"]);
    }

    [Fact]
    public void An_existing_pods_anti_affinity_keeps_a_matching_newcomer_out_of_its_domain()
    {
        var quiet = new Dictionary<string, string> { ["app"] = "quiet" };
        var noisy = new Dictionary<string, string> { ["app"] = "noisy" };
        var keepNoisyAway = new V1Affinity { PodAntiAffinity = new V1PodAntiAffinity { RequiredDuringSchedulingIgnoredDuringExecution = [Term("zone", noisy)] } };
        var (scheduler, snapshot) = Scheduler([Zoned("a1", "zoneA"), Zoned("b1", "zoneB")], [(Pod("q", labels: quiet, affinity: keepNoisyAway), "a1", 0)]);
        var result = scheduler.Schedule(Info(snapshot, Pod("n", labels: noisy)));
        Assert.Equal("b1", result.Node!.Name);
        Assert.Equal(InterPodAffinity.ExistingAntiAffinity, result.Decision!.Filter["a1"]["InterPodAffinity"]);
    }
}
