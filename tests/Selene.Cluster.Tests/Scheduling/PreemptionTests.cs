using static Selene.Cluster.Tests.Scheduling.Build;

namespace Selene.Cluster.Tests.Scheduling;

public class PreemptionTests
{
    // kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption: "If a pending Pod cannot be
    // scheduled, the scheduler tries to preempt (evict) lower priority Pods to make scheduling of the pending
    // Pod possible."

    [Fact]
    public void A_higher_priority_pod_evicts_the_fewest_least_important_pods()
    {
        // One node, 4 CPU: v-low (1 CPU, priority 1) and v-mid (1 CPU, priority 2) leave 2 free; the pod needs 3.
        // All lower-priority pods are removed, then given back most important first while the pod still fits:
        // v-mid comes back, v-low does not (SelectVictimsOnNode).
        var (scheduler, snapshot) = Scheduler([Node("n1", cpu: "4")], [(Pod("v-low", "1"), "n1", 1), (Pod("v-mid", "1"), "n1", 2)]);
        var result = scheduler.Schedule(Info(snapshot, Pod("urgent", "3"), priority: 100));
        Assert.Null(result.Node);
        Assert.Equal("n1", result.Preemption!.NominatedNode!.Name);
        Assert.Equal(["default/v-low"], result.Preemption.Victims.Select(v => v.Key));
        Assert.Contains("preemption: nominated n1, evicting default/v-low", result.Message, StringComparison.Ordinal);

        // With the victim gone the pod fits on its next attempt.
        Assert.Equal("n1", scheduler.Schedule(Info(snapshot, Pod("urgent", "3"), priority: 100)).Node!.Name);
    }

    [Fact]
    public void The_node_whose_most_important_victim_matters_least_is_chosen()
    {
        // pickOneNodeForPreemption: lowest highest-priority victim first.
        var (scheduler, snapshot) = Scheduler([Node("n1", cpu: "2"), Node("n2", cpu: "2")],
            [(Pod("mid", "2"), "n1", 50), (Pod("low", "2"), "n2", 10)]);
        var result = scheduler.Schedule(Info(snapshot, Pod("urgent", "2"), priority: 100));
        Assert.Equal("n2", result.Preemption!.NominatedNode!.Name);
        Assert.Equal(["default/low"], result.Preemption.Victims.Select(v => v.Key));
    }

    [Fact]
    public void Equal_or_higher_priority_pods_are_never_victims()
    {
        // "the scheduler ... preempts lower priority Pods" — never pods of the same or higher priority.
        var (scheduler, snapshot) = Scheduler([Node("n1", cpu: "2")], [(Pod("peer", "2"), "n1", 100)]);
        var result = scheduler.Schedule(Info(snapshot, Pod("urgent", "2"), priority: 100));
        Assert.Null(result.Preemption);
        Assert.Contains("No preemption victims found for incoming pod", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PreemptionPolicy_Never_waits_instead_of_evicting()
    {
        // "Pods with preemptionPolicy: Never ... cannot preempt other pods."
        var (scheduler, snapshot) = Scheduler([Node("n1", cpu: "2")], [(Pod("low", "2"), "n1", 1)]);
        var result = scheduler.Schedule(Info(snapshot, Pod("polite", "2", preemptionPolicy: "Never"), priority: 100));
        Assert.Null(result.Preemption);
        Assert.Contains("preemptionPolicy=Never", result.Message, StringComparison.Ordinal);
        Assert.NotNull(snapshot.BoundPod("default/low"));
    }

    [Fact]
    public void A_node_rejected_for_a_taint_is_no_candidate()
    {
        // DefaultPreemption only considers nodes whose rejection was Unschedulable, not UnschedulableAndUnresolvable:
        // evicting pods cannot remove a taint.
        var (scheduler, snapshot) = Scheduler([Node("tainted", cpu: "2", taints: [Taint("dedicated", "x", "NoSchedule")])], [(Pod("low", "1"), "tainted", 1)]);
        var result = scheduler.Schedule(Info(snapshot, Pod("urgent", "2"), priority: 100));
        Assert.Null(result.Preemption);
        Assert.Contains("Preemption is not helpful for scheduling", result.Message, StringComparison.Ordinal);
    }
}

public class SchedulerCycleTests
{
    [Theory]
    // kubernetes.io/docs/concepts/scheduling-eviction/scheduler-perf-tuning: below 100 nodes every node is
    // checked; the default percentage is 50 − nodes/125, at least 5 %; never fewer than 100 nodes.
    [InlineData(0, 50, 50)]
    [InlineData(0, 100, 100)]
    [InlineData(0, 1000, 420)]
    [InlineData(0, 5000, 500)]
    [InlineData(0, 6000, 300)]
    [InlineData(0, 200, 100)]
    [InlineData(30, 1000, 300)]
    [InlineData(1, 1000, 100)]
    public void The_number_of_feasible_nodes_sought_follows_kube_schedulers_formula(int percentage, int nodes, int expected) =>
        Assert.Equal(expected, Selene.Cluster.Scheduling.Scheduler.NumFeasibleNodesToFind(percentage, nodes));

    [Fact]
    public void A_partial_search_resumes_where_the_last_one_stopped()
    {
        var nodes = Enumerable.Range(0, 1000).Select(i => Node($"n{i:D4}")).ToList();
        var (scheduler, snapshot) = Build.Scheduler(nodes, explain: true);
        var first = scheduler.Schedule(Info(snapshot, Pod("a")));
        var second = scheduler.Schedule(Info(snapshot, Pod("b")));
        Assert.Equal(420, first.Decision!.Filter.Count);
        Assert.Equal(420, second.Decision!.Filter.Count);
        Assert.Empty(first.Decision.Filter.Keys.Intersect(second.Decision.Filter.Keys));
    }

    [Fact]
    public void Explanations_become_annotations_in_the_simulators_shape()
    {
        var (scheduler, snapshot) = Build.Scheduler([Node("earth-1"), Node("moon-1", taints: [Taint("latency", "high", "NoSchedule")])]);
        var result = scheduler.Schedule(Info(snapshot, Pod("p", "1")));
        var annotations = result.Decision!.ToAnnotations();
        Assert.Equal("earth-1", annotations["selene.io/selected-node"]);
        Assert.Contains("\"moon-1\":{\"NodeUnschedulable\":\"passed\",\"TaintToleration\":\"node(s) had untolerated taint {latency: high}\"}", annotations["selene.io/filter-result"], StringComparison.Ordinal);
        Assert.Contains("\"earth-1\":{", annotations["selene.io/filter-result"], StringComparison.Ordinal);
        Assert.Contains("\"PodTopologySpread\":\"skipped\"", annotations["selene.io/prefilter-result"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_seed_breaks_ties_the_same_way_and_ties_are_spread()
    {
        string Run(int seed)
        {
            var (scheduler, snapshot) = Build.Scheduler(Enumerable.Range(0, 8).Select(i => Node($"n{i}", cpu: "64", memory: "1Ti")), seed: seed, explain: false);
            return string.Join(",", Enumerable.Range(0, 8).Select(i => scheduler.Schedule(Info(snapshot, Pod($"p{i}", "10m", "1Mi"))).Node!.Name));
        }

        Assert.Equal(Run(7), Run(7));
        Assert.True(Run(7).Split(',').Distinct().Count() > 1);
    }
}
