using k8s.Models;
using Selene.Cluster.Controllers;
using Selene.Cluster.Store;

namespace Selene.Cluster.Tests.Controllers;

public class NodeLifecycleTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static V1Node Node(string name, string location) => new()
    {
        ApiVersion = "v1",
        Kind = "Node",
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["selene.io/location"] = location } },
        Spec = new V1NodeSpec(),
    };

    private static V1Pod PodOn(string name, string node, params V1Toleration[] tolerations) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "chat" },
        Spec = new V1PodSpec { NodeName = node, Containers = [new V1Container { Name = "c" }], Tolerations = tolerations.ToList() },
    };

    private static string? TaintOf(ClusterStore store, string node) =>
        store.Get<V1Node>(null, node)!.Spec.Taints?.SingleOrDefault()?.Key;

    /// <summary>Advances time in 1 s steps, delivering each node's heartbeats every 10 s after its delay, monitoring every 5 s.</summary>
    private static void Run(ManualClock clock, NodeLifecycleController controller, int seconds, Dictionary<string, double> alive)
    {
        for (var t = 1; t <= seconds; t++)
        {
            clock.Now = clock.Now.AddSeconds(1);
            foreach (var (node, delay) in alive)
            {
                var sinceSent = ((clock.Now - new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero)).TotalSeconds - delay) % 10;
                if (sinceSent is >= 0 and < 1)
                {
                    controller.Heartbeat(node);
                }
            }

            if (t % 5 == 0)
            {
                controller.Monitor();
            }
        }
    }

    [Fact]
    public void Lunar_heartbeats_that_arrive_a_second_and_a_half_late_never_mark_the_node()
    {
        var clock = new ManualClock();
        var store = new ClusterStore();
        store.Create(Node("lunar-1", "moon"));
        var controller = new NodeLifecycleController(store, clock);
        var version = store.ResourceVersion;
        Run(clock, controller, 600, new() { ["lunar-1"] = 1.3 });
        Assert.Null(TaintOf(store, "lunar-1"));
        // A healthy node is left alone: no writes to the store.
        Assert.Equal(version, store.ResourceVersion);
    }

    [Fact]
    public void A_silent_Earth_node_is_tainted_after_its_grace_period_and_its_pods_leave_per_their_tolerations()
    {
        // node-monitor-grace-period 40 s; taint-based eviction; DefaultTolerationSeconds 300.
        var clock = new ManualClock();
        var store = new ClusterStore();
        store.Create(Node("earth-1", "earth"));
        store.Create(PodOn("plain", "earth-1"));
        store.Create(PodOn("patient", "earth-1", new V1Toleration { Key = NodeLifecycleController.Unreachable, OperatorProperty = "Exists", Effect = "NoExecute" }));
        store.Create(PodOn("quick", "earth-1", new V1Toleration { Key = NodeLifecycleController.Unreachable, OperatorProperty = "Exists", Effect = "NoExecute", TolerationSeconds = 30 }));
        var controller = new NodeLifecycleController(store, clock);
        controller.Heartbeat("earth-1");
        Run(clock, controller, 40, []);
        Assert.Null(TaintOf(store, "earth-1"));
        Run(clock, controller, 5, []);
        Assert.Equal(NodeLifecycleController.Unreachable, TaintOf(store, "earth-1"));

        Run(clock, controller, 30, []);
        Assert.NotNull(store.Get<V1Pod>("chat", "quick")!.Metadata.DeletionTimestamp);
        Assert.Null(store.Get<V1Pod>("chat", "plain")!.Metadata.DeletionTimestamp);
        Run(clock, controller, 270, []);
        Assert.NotNull(store.Get<V1Pod>("chat", "plain")!.Metadata.DeletionTimestamp);
        Assert.Null(store.Get<V1Pod>("chat", "patient")!.Metadata.DeletionTimestamp);
        Assert.Equal(2, controller.Evictions);
    }

    [Fact]
    public void Any_NoExecute_taint_evicts_from_its_time_added_and_a_pod_that_tolerates_it_stays()
    {
        // Taint-based eviction (kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration): NoExecute
        // evicts pods that do not tolerate the taint at once, and those with tolerationSeconds after that long.
        var clock = new ManualClock();
        var store = new ClusterStore();
        var node = Node("lunar-1", "moon");
        node.Spec.Taints = [new V1Taint { Key = "selene.io/cosmic-event", Value = "upset-permanent", Effect = "NoExecute", TimeAdded = clock.Now.UtcDateTime }];
        store.Create(node);
        store.Create(PodOn("plain", "lunar-1"));
        store.Create(PodOn("steady", "lunar-1", new V1Toleration { Key = "selene.io/cosmic-event", OperatorProperty = "Exists", Effect = "NoExecute" }));
        store.Create(PodOn("brief", "lunar-1", new V1Toleration { Key = "selene.io/cosmic-event", OperatorProperty = "Exists", Effect = "NoExecute", TolerationSeconds = 60 }));
        var controller = new NodeLifecycleController(store, clock);
        Run(clock, controller, 5, new() { ["lunar-1"] = 1.3 });
        Assert.NotNull(store.Get<V1Pod>("chat", "plain")!.Metadata.DeletionTimestamp);
        Assert.Null(store.Get<V1Pod>("chat", "brief")!.Metadata.DeletionTimestamp);
        Run(clock, controller, 60, new() { ["lunar-1"] = 1.3 });
        Assert.NotNull(store.Get<V1Pod>("chat", "brief")!.Metadata.DeletionTimestamp);
        Assert.Null(store.Get<V1Pod>("chat", "steady")!.Metadata.DeletionTimestamp);
        Assert.Equal(2, controller.Evictions);
    }

    [Fact]
    public void Heartbeats_known_from_a_source_count_like_those_handed_in_and_silence_from_it_is_noticed()
    {
        var clock = new ManualClock();
        var store = new ClusterStore();
        store.Create(Node("lunar-1", "moon"));
        var start = clock.Now;
        var silentAfter = start.AddSeconds(300);
        // Heartbeats every 10 s, 1.3 s late, until the node goes silent at 300 s.
        DateTimeOffset? Source(string name)
        {
            var sent = Math.Floor(((clock.Now - start).TotalSeconds - 1.3) / 10) * 10;
            return sent < 0 ? null : start.AddSeconds(Math.Min(sent, (silentAfter - start).TotalSeconds - 10) + 1.3);
        }

        var controller = new NodeLifecycleController(store, clock, heartbeatSource: Source);
        Run(clock, controller, 400, []);
        Assert.Null(TaintOf(store, "lunar-1"));
        Run(clock, controller, 40, []);
        Assert.Equal(NodeLifecycleController.Unreachable, TaintOf(store, "lunar-1"));
    }

    [Fact]
    public void A_link_outage_is_not_a_death_the_node_only_stops_taking_new_pods()
    {
        var clock = new ManualClock();
        var store = new ClusterStore();
        store.Create(Node("lunar-1", "moon"));
        store.Create(PodOn("work", "lunar-1"));
        var linkUp = false;
        var controller = new NodeLifecycleController(store, clock, linkUpAt: _ => linkUp ? clock.Now : DateTimeOffset.MaxValue);
        controller.Heartbeat("lunar-1");
        Run(clock, controller, 3600, []);
        Assert.Equal(NodeLifecycleController.LinkDown, TaintOf(store, "lunar-1"));
        Assert.Equal("NoSchedule", store.Get<V1Node>(null, "lunar-1")!.Spec.Taints.Single().Effect);
        Assert.Null(store.Get<V1Pod>("chat", "work")!.Metadata.DeletionTimestamp);

        linkUp = true;
        Run(clock, controller, 20, new() { ["lunar-1"] = 1.3 });
        Assert.Null(TaintOf(store, "lunar-1"));
    }

    [Fact]
    public void A_node_back_from_behind_its_link_has_a_grace_period_before_silence_counts_against_it()
    {
        // While the first heartbeat after an outage is on its way, the node is not taken for unreachable; if none
        // comes within the grace period (moon: 120 s) from the link's return, it is.
        var clock = new ManualClock();
        var store = new ClusterStore();
        store.Create(Node("lunar-1", "moon"));
        var linkUp = false;
        var controller = new NodeLifecycleController(store, clock, linkUpAt: _ => linkUp ? clock.Now : DateTimeOffset.MaxValue);
        controller.Heartbeat("lunar-1");
        Run(clock, controller, 600, []);
        Assert.Equal(NodeLifecycleController.LinkDown, TaintOf(store, "lunar-1"));

        linkUp = true;
        for (var second = 0; second < 120; second += 5)
        {
            Run(clock, controller, 5, []);
            Assert.NotEqual(NodeLifecycleController.Unreachable, TaintOf(store, "lunar-1"));
        }

        Assert.Null(TaintOf(store, "lunar-1"));
        Run(clock, controller, 10, []);
        Assert.Equal(NodeLifecycleController.Unreachable, TaintOf(store, "lunar-1"));
    }

    [Fact]
    public void Dead_nodes_are_tainted_at_a_tenth_of_a_node_per_second_and_not_at_all_in_an_unhealthy_zone()
    {
        static (ClusterStore, NodeLifecycleController, ManualClock, Dictionary<string, double>) Zone(int dead)
        {
            var clock = new ManualClock();
            var store = new ClusterStore();
            var alive = new Dictionary<string, double>();
            for (var i = 0; i < 10; i++)
            {
                store.Create(Node($"n{i}", "earth"));
                if (i >= dead)
                {
                    alive[$"n{i}"] = 0.01;
                }
            }

            var controller = new NodeLifecycleController(store, clock);
            return (store, controller, clock, alive);
        }

        // 4 of 10 dead (40 %, below 0.55): one taint per 10 s. Unheard-of nodes get their grace from the first
        // pass (t = 5 s), so the first is unreachable at t = 50 s.
        var (store, controller, clock, alive) = Zone(4);
        Run(clock, controller, 50, alive);
        Assert.Equal(1, Enumerable.Range(0, 4).Count(i => TaintOf(store, $"n{i}") is not null));
        Run(clock, controller, 10, alive);
        Assert.Equal(2, Enumerable.Range(0, 4).Count(i => TaintOf(store, $"n{i}") is not null));
        Run(clock, controller, 30, alive);
        Assert.Equal(4, Enumerable.Range(0, 4).Count(i => TaintOf(store, $"n{i}") is not null));

        // 6 of 10 dead at once, as a solar storm might: the zone is unhealthy and small, so nothing is evicted.
        (store, controller, clock, alive) = Zone(6);
        Run(clock, controller, 600, alive);
        Assert.All(Enumerable.Range(0, 10), i => Assert.Null(TaintOf(store, $"n{i}")));
    }

    [Fact]
    public void A_StatefulSet_identity_on_an_unreachable_node_is_recreated_only_once_the_node_is_known_dead()
    {
        var clock = new ManualClock();
        var store = new ClusterStore();
        store.Create(Node("lunar-1", "moon"));
        store.Create(new V1StatefulSet
        {
            ApiVersion = "apps/v1",
            Kind = "StatefulSet",
            Metadata = new V1ObjectMeta { Name = "kv", NamespaceProperty = "chat" },
            Spec = new V1StatefulSetSpec
            {
                Replicas = 1,
                ServiceName = "kv",
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "kv" } },
                Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "kv" } }, Spec = new V1PodSpec { Containers = [new V1Container { Name = "c" }] } },
            },
        });
        var sets = new StatefulSetController(store);
        sets.Reconcile("chat", "kv");
        store.Bind("chat", "kv-0", "lunar-1");
        var controller = new NodeLifecycleController(store, clock, linkUpAt: _ => clock.Now);
        controller.Heartbeat("lunar-1");
        Run(clock, controller, 1200, []);
        Assert.NotNull(store.Get<V1Pod>("chat", "kv-0")!.Metadata.DeletionTimestamp);
        Assert.Equal((0, 0), sets.Reconcile("chat", "kv"));

        controller.ForgetNode("lunar-1");
        Assert.Equal((1, 0), sets.Reconcile("chat", "kv"));
        Assert.Null(store.Get<V1Pod>("chat", "kv-0")!.Spec.NodeName);
    }
}
