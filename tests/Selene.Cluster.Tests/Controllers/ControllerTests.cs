using k8s.Models;
using Selene.Cluster.Controllers;
using Selene.Cluster.Store;

namespace Selene.Cluster.Tests.Controllers;

public class ControllerTests
{
    private static V1PodTemplateSpec Template(string app, string? gpus = null) => new()
    {
        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = app } },
        Spec = new V1PodSpec
        {
            Containers = [new V1Container { Name = "main", Resources = new V1ResourceRequirements { Requests = gpus is null ? null : new Dictionary<string, ResourceQuantity> { ["nvidia.com/gpu"] = new(gpus) } } }],
        },
    };

    private static V1ReplicaSet ReplicaSet(string name, int replicas, string? gpus = null) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "ReplicaSet",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "chat" },
        Spec = new V1ReplicaSetSpec { Replicas = replicas, Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } }, Template = Template(name, gpus) },
    };

    private static void MarkReady(ClusterStore store, V1Pod pod)
    {
        pod.Status = new V1PodStatus { Phase = "Running", Conditions = [new V1PodCondition { Type = "Ready", Status = "True" }] };
        store.Update(pod);
    }

    [Fact]
    public void A_ReplicaSet_creates_its_missing_pods_and_removes_unscheduled_ones_first_when_scaled_down()
    {
        var store = new ClusterStore();
        store.Create(ReplicaSet("web", 5));
        var controller = new ReplicaSetController(store);
        Assert.Equal((5, 0), controller.Reconcile("chat", "web"));
        Assert.Equal((0, 0), controller.Reconcile("chat", "web"));
        var pods = store.List<V1Pod>("chat");
        Assert.Equal(5, pods.Count);
        Assert.All(pods, p => Assert.Equal("ReplicaSet", p.Metadata.OwnerReferences.Single().Kind));
        Assert.Equal(5, store.Get<V1ReplicaSet>("chat", "web")!.Status.Replicas);

        // Three are scheduled and ready, two wait: scaling to 3 removes the two unscheduled ones.
        foreach (var pod in pods.Take(3))
        {
            store.Bind("chat", pod.Metadata.Name, "n1");
            MarkReady(store, store.Get<V1Pod>("chat", pod.Metadata.Name)!);
        }

        var set = store.Get<V1ReplicaSet>("chat", "web")!;
        set.Spec.Replicas = 3;
        store.Update(set);
        Assert.Equal((0, 2), controller.Reconcile("chat", "web"));
        Assert.All(store.List<V1Pod>("chat"), p => Assert.Equal("n1", p.Spec.NodeName));

        // A pod lost (deleted) is replaced.
        store.Delete<V1Pod>("chat", store.List<V1Pod>("chat")[0].Metadata.Name);
        Assert.Equal((1, 0), controller.Reconcile("chat", "web"));
    }

    [Fact]
    public void Slow_start_stops_at_the_first_batch_a_quota_refuses()
    {
        // kube-controller-manager's slowStartBatch: batches of 1, 2, 4, 8 …; a refusal ends the run.
        var store = new ClusterStore();
        store.Create(new V1ResourceQuota
        {
            ApiVersion = "v1",
            Kind = "ResourceQuota",
            Metadata = new V1ObjectMeta { Name = "gpus", NamespaceProperty = "chat" },
            Spec = new V1ResourceQuotaSpec { Hard = new Dictionary<string, ResourceQuantity> { ["requests.nvidia.com/gpu"] = new("5") } },
        });
        store.Create(ReplicaSet("llm", 20, gpus: "1"));
        var attempts = new List<int>();
        Assert.Equal(3, SlowStart.Run(20, i => { attempts.Add(i); return i < 3; }));
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], attempts);
        Assert.Equal((5, 0), new ReplicaSetController(store).Reconcile("chat", "llm"));
        Assert.Equal(5, store.List<V1Pod>("chat").Count);
    }

    private static V1StatefulSet StatefulSet(string name, int replicas, string? policy = null) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "StatefulSet",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "chat" },
        Spec = new V1StatefulSetSpec { Replicas = replicas, ServiceName = name, PodManagementPolicy = policy, Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } }, Template = Template(name) },
    };

    [Fact]
    public void A_StatefulSet_creates_identities_in_order_each_after_the_one_before_is_ready()
    {
        // OrderedReady (the default): "Pods are created ... in order from {0..N-1}"; each waits for its
        // predecessor to be Running and Ready.
        var store = new ClusterStore();
        store.Create(StatefulSet("kv", 3));
        var controller = new StatefulSetController(store);
        Assert.Equal((1, 0), controller.Reconcile("chat", "kv"));
        Assert.Equal((0, 0), controller.Reconcile("chat", "kv"));
        MarkReady(store, store.Get<V1Pod>("chat", "kv-0")!);
        Assert.Equal((1, 0), controller.Reconcile("chat", "kv"));
        MarkReady(store, store.Get<V1Pod>("chat", "kv-1")!);
        controller.Reconcile("chat", "kv");
        Assert.Equal(["kv-0", "kv-1", "kv-2"], store.List<V1Pod>("chat").Select(p => p.Metadata.Name));
        Assert.Equal("kv-2", store.Get<V1Pod>("chat", "kv-2")!.Spec.Hostname);
    }

    [Fact]
    public void A_StatefulSet_never_runs_two_pods_with_one_identity_while_the_old_one_is_not_known_gone()
    {
        // kubernetes.io/docs/tasks/run-application/force-delete-stateful-set-pod: "StatefulSet ensures that,
        // at any time, there is at most one Pod with a given identity running in a cluster."
        var store = new ClusterStore();
        store.Create(StatefulSet("kv", 2, policy: "Parallel"));
        var controller = new StatefulSetController(store);
        Assert.Equal((2, 0), controller.Reconcile("chat", "kv"));

        // kv-1's node becomes unreachable: the pod is marked for deletion but its object stays until the node
        // is known dead. No replacement is created meanwhile.
        var stranded = store.Get<V1Pod>("chat", "kv-1")!;
        stranded.Metadata.DeletionTimestamp = new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        store.Update(stranded);
        Assert.Equal((0, 0), controller.Reconcile("chat", "kv"));
        Assert.Single(store.List<V1Pod>("chat"), p => p.Metadata.Name == "kv-1");

        // Once known gone (the object deleted), the identity is recreated.
        store.Delete<V1Pod>("chat", "kv-1");
        Assert.Equal((1, 0), controller.Reconcile("chat", "kv"));

        // A failed pod is deleted; its identity is recreated on the next pass, once the old object is gone.
        var failed = store.Get<V1Pod>("chat", "kv-0")!;
        failed.Status = new V1PodStatus { Phase = "Failed" };
        store.Update(failed);
        Assert.Equal((0, 1), controller.Reconcile("chat", "kv"));
        Assert.Equal((1, 0), controller.Reconcile("chat", "kv"));
        Assert.Null(store.Get<V1Pod>("chat", "kv-0")!.Status);

        // Scaling down removes the highest ordinal.
        var set = store.Get<V1StatefulSet>("chat", "kv")!;
        set.Spec.Replicas = 1;
        store.Update(set);
        Assert.Equal((0, 1), controller.Reconcile("chat", "kv"));
        Assert.Equal(["kv-0"], store.List<V1Pod>("chat").Select(p => p.Metadata.Name));
    }

    [Fact]
    public void Eviction_respects_a_PodDisruptionBudget()
    {
        // Eviction API: an eviction that would violate a budget is refused with 429.
        var store = new ClusterStore();
        store.Create(ReplicaSet("web", 3));
        new ReplicaSetController(store).Reconcile("chat", "web");
        foreach (var pod in store.List<V1Pod>("chat"))
        {
            MarkReady(store, pod);
        }

        store.Create(new V1PodDisruptionBudget
        {
            ApiVersion = "policy/v1",
            Kind = "PodDisruptionBudget",
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "chat" },
            Spec = new V1PodDisruptionBudgetSpec { MinAvailable = 2, Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } } },
        });
        var eviction = new Eviction(store);
        var pods = store.List<V1Pod>("chat");
        eviction.Evict("chat", pods[0].Metadata.Name);
        var refused = Assert.Throws<StoreConflictException>(() => eviction.Evict("chat", pods[1].Metadata.Name));
        Assert.Equal(429, refused.StatusCode);
        Assert.Equal(2, store.List<V1Pod>("chat").Count);
    }
}
