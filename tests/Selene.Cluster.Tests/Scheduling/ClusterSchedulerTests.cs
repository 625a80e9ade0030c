using k8s.Models;
using Selene.Cluster.Manifests;
using Selene.Cluster.Scheduling;
using Selene.Cluster.Scheduling.Framework;
using Selene.Cluster.Scheduling.Plugins;
using Selene.Cluster.Scheduling.Profiles;
using Selene.Core.Errors;
using static Selene.Cluster.Tests.Scheduling.Build;

namespace Selene.Cluster.Tests.Scheduling;

public class PendingPodsTests
{
    [Fact]
    public void Higher_priority_comes_first_then_arrival_and_backoff_doubles_from_one_to_ten_seconds()
    {
        // PrioritySort; podInitialBackoffSeconds 1, podMaxBackoffSeconds 10 (kube-scheduler config v1 defaults).
        var snapshot = new ClusterSnapshot();
        var queue = new PendingPods();
        queue.Add(new PodInfo(Pod("low-early"), snapshot.Resources, 1, 0));
        queue.Add(new PodInfo(Pod("high-late"), snapshot.Resources, 10, 1));
        queue.Add(new PodInfo(Pod("low-late"), snapshot.Resources, 1, 2));
        var order = new List<string>();
        while (queue.TryPop(TimeSpan.Zero, out var pod))
        {
            order.Add(pod.Name);
        }

        Assert.Equal(["high-late", "low-early", "low-late"], order);
        Assert.Equal([1, 2, 4, 8, 10, 10], Enumerable.Range(1, 6).Select(a => (int)queue.Backoff(a).TotalSeconds));

        var retry = new PodInfo(Pod("retry"), snapshot.Resources, 0, 3);
        queue.Requeue(retry, TimeSpan.FromSeconds(5));
        Assert.False(queue.TryPop(TimeSpan.FromSeconds(5.5), out _));
        Assert.Equal(TimeSpan.FromSeconds(6), queue.NextBackoffEnd);
        Assert.True(queue.TryPop(TimeSpan.FromSeconds(6), out _));
    }

    [Fact]
    public void Parked_pods_wait_for_a_cluster_change()
    {
        var snapshot = new ClusterSnapshot();
        var queue = new PendingPods();
        var pod = new PodInfo(Pod("p"), snapshot.Resources, 0, 0);
        queue.MarkUnschedulable(pod, TimeSpan.Zero);
        Assert.False(queue.TryPop(TimeSpan.FromSeconds(30), out _));
        queue.MoveAllToActiveOrBackoff(TimeSpan.FromSeconds(30));
        Assert.True(queue.TryPop(TimeSpan.FromSeconds(30), out _));
        queue.MarkUnschedulable(pod, TimeSpan.FromSeconds(30));
        // podMaxInUnschedulablePodsDuration: five minutes, then another try regardless.
        Assert.True(queue.TryPop(TimeSpan.FromSeconds(330), out _));
    }
}

public class ClusterSchedulerTests
{
    private static ManifestSet Manifests(string yaml)
    {
        var set = new ManifestSet();
        ManifestLoader.Load(yaml, "cluster.yaml", set);
        ManifestValidator.CheckReferences(set);
        Assert.False(set.HasErrors, string.Join("\n", set.Diagnostics));
        return set;
    }

    private const string Cluster = """
        apiVersion: scheduling.k8s.io/v1
        kind: PriorityClass
        metadata: {name: urgent}
        value: 1000
        ---
        apiVersion: v1
        kind: ResourceQuota
        metadata: {name: gpus, namespace: chat}
        spec:
          hard: {requests.nvidia.com/gpu: "2"}
        ---
        apiVersion: v1
        kind: Node
        metadata: {name: n1}
        status:
          capacity: {cpu: "8", memory: 64Gi, nvidia.com/gpu: "2", pods: "110"}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: batch, namespace: research}
        spec:
          containers:
          - name: c
            resources: {requests: {nvidia.com/gpu: "2"}}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: chat-0, namespace: chat}
        spec:
          priorityClassName: urgent
          containers:
          - name: c
            resources: {requests: {nvidia.com/gpu: "1"}}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: chat-1, namespace: chat}
        spec:
          priorityClassName: urgent
          containers:
          - name: c
            resources: {requests: {nvidia.com/gpu: "2"}}
        """;

    [Fact]
    public void Manifests_schedule_in_priority_order_with_quota_admission_and_preemption_written_to_the_store()
    {
        var cluster = new ClusterScheduler(explain: true);
        cluster.Load(Manifests(Cluster));
        // chat-1 would take chat past its 2-GPU quota with chat-0: refused at admission (403), never queued.
        Assert.Contains("exceeded quota: gpus", cluster.Latest["chat/chat-1"].Message, StringComparison.Ordinal);

        cluster.RunUntilSettled();
        // chat-0 (priority 1000) goes first and takes a GPU; batch (priority 0) then cannot fit its two.
        Assert.Equal("n1", cluster.Store.Get<V1Pod>("chat", "chat-0")!.Spec.NodeName);
        Assert.Null(cluster.Store.Get<V1Pod>("research", "batch")!.Spec.NodeName);
        Assert.Equal("0/1 nodes are available: 1 Insufficient nvidia.com/gpu. preemption: No preemption victims found for incoming pod.", cluster.Latest["research/batch"].Message);
        Assert.Equal(1000, cluster.Store.Get<V1Pod>("chat", "chat-0")!.Spec.Priority);
    }

    [Fact]
    public void A_preemptor_is_bound_after_its_victims_are_evicted()
    {
        var cluster = new ClusterScheduler();
        cluster.Add(new V1PriorityClass { ApiVersion = "scheduling.k8s.io/v1", Kind = "PriorityClass", Metadata = new V1ObjectMeta { Name = "urgent" }, Value = 1000 });
        cluster.SetNode(Node("n1", cpu: "2"));
        cluster.Submit(Pod("filler", "2"));
        cluster.RunUntilSettled();
        var urgent = Pod("urgent", "2");
        urgent.Spec.PriorityClassName = "urgent";
        cluster.Submit(urgent);
        cluster.RunUntilSettled();
        Assert.Null(cluster.Store.Get<V1Pod>("default", "filler"));
        Assert.Equal("Preempted by default/urgent", cluster.Latest["default/filler"].Message);
        Assert.Equal("n1", cluster.Store.Get<V1Pod>("default", "urgent")!.Spec.NodeName);
        Assert.Equal(2, cluster.Attempts["default/urgent"]);
    }

    [Fact]
    public void A_configuration_sets_weights_strategies_and_disabled_plugins()
    {
        var set = Manifests("""
            apiVersion: kubescheduler.config.k8s.io/v1
            kind: KubeSchedulerConfiguration
            percentageOfNodesToScore: 30
            profiles:
            - schedulerName: packer
              plugins:
                score:
                  disabled: [{name: NodeResourcesBalancedAllocation}]
                  enabled: [{name: NodeResourcesFit, weight: 5}]
              pluginConfig:
              - name: NodeResourcesFit
                args:
                  scoringStrategy: {type: MostAllocated}
            """);
        var diagnostics = new List<InputDiagnostic>();
        var cluster = new ClusterScheduler(context => SchedulerConfigurationReader.Read(set.SchedulerConfigurations[0], context, diagnostics)!, explain: true);
        Assert.Empty(diagnostics);
        Assert.Equal(30, cluster.Configuration.PercentageOfNodesToScore);
        var profile = cluster.Configuration.ProfileFor("packer")!;
        Assert.DoesNotContain(profile.Score, s => s.Plugin.Name == "NodeResourcesBalancedAllocation");
        Assert.Equal(5, profile.Score.Single(s => s.Plugin.Name == "NodeResourcesFit").Weight);
        Assert.Contains(profile.Filter, f => f.Name == "NodeResourcesFit");

        cluster.SetNode(Node("busy", cpu: "8"));
        cluster.SetNode(Node("idle", cpu: "8"));
        var first = Pod("first", "4");
        first.Spec.NodeName = "busy";
        cluster.Submit(first);
        var pod = Pod("p", "1");
        pod.Spec.SchedulerName = "packer";
        cluster.Submit(pod);
        cluster.RunUntilSettled();
        // MostAllocated packs onto the busier node.
        Assert.Equal("busy", cluster.Store.Get<V1Pod>("default", "p")!.Spec.NodeName);
    }

    public static TheoryData<string, string, string> BadConfigurations => new()
    {
        { "an unknown plugin", "profiles:\n- plugins:\n    score:\n      enabled: [{name: Magic}]\n", "unknown plugin 'Magic'" },
        { "an unknown extension point", "profiles:\n- plugins:\n    sort: {}\n", "unknown extension point" },
        { "a percentage over 100", "percentageOfNodesToScore: 150\n", "from 0 to 100" },
        { "an unknown strategy", "profiles:\n- pluginConfig:\n  - name: NodeResourcesFit\n    args:\n      scoringStrategy: {type: Tightest}\n", "MostAllocated" },
        { "an unknown field", "profile: []\n", "unknown field" },
    };

    [Theory]
    [MemberData(nameof(BadConfigurations))]
    public void A_bad_configuration_is_reported_with_its_line(string because, string body, string message)
    {
        var set = Manifests("apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n" + body);
        var diagnostics = new List<InputDiagnostic>();
        var configuration = SchedulerConfigurationReader.Read(set.SchedulerConfigurations[0], new PluginContext(new Selene.Cluster.Resources.ResourceNames(), new Selene.Cluster.Scheduling.Space.AnnotationEnvironment()), diagnostics);
        Assert.Null(configuration);
        var error = Assert.Single(diagnostics);
        Assert.True(error.Line >= 3 && error.Message.Contains(message, StringComparison.Ordinal), $"{because}: {error}");
    }

    [Fact]
    public void Default_plugin_weights_are_kube_schedulers()
    {
        var profile = PluginRegistry.KubernetesProfile(new PluginContext(new Selene.Cluster.Resources.ResourceNames(), new Selene.Cluster.Scheduling.Space.AnnotationEnvironment()));
        Assert.Equal(
            [("TaintToleration", 3L), ("NodeAffinity", 2L), ("NodeResourcesFit", 1L), ("PodTopologySpread", 2L), ("InterPodAffinity", 2L), ("NodeResourcesBalancedAllocation", 1L)],
            profile.Score.Select(s => (s.Plugin.Name, s.Weight)));
        Assert.Equal(["NodeUnschedulable", "NodeName", "TaintToleration", "NodeAffinity", "NodeResourcesFit", "PodTopologySpread", "InterPodAffinity"], profile.Filter.Select(f => f.Name));
        Assert.IsType<DefaultPreemption>(Assert.Single(profile.PostFilter));
    }
}
