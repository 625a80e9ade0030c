using k8s;
using k8s.Models;
using Selene.Cluster.Store;

namespace Selene.Cluster.Tests.Store;

public class ClusterStoreTests
{
    private static V1Pod Pod(string name, string ns = "chat", string? gpus = null) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new V1PodSpec
        {
            Containers = [new V1Container { Name = "main", Resources = new V1ResourceRequirements { Requests = gpus is null ? null : new Dictionary<string, ResourceQuantity> { ["nvidia.com/gpu"] = new(gpus) } } }],
        },
    };

    [Fact]
    public void Every_write_gets_a_new_resource_version_and_a_stale_one_is_refused_as_409()
    {
        var store = new ClusterStore();
        var created = store.Create(Pod("a"));
        Assert.Equal("1", created.Metadata.ResourceVersion);
        Assert.NotNull(created.Metadata.Uid);

        var first = new V1Pod { ApiVersion = "v1", Kind = "Pod", Metadata = new V1ObjectMeta { Name = "a", NamespaceProperty = "chat", ResourceVersion = "1" }, Spec = created.Spec };
        var second = new V1Pod { ApiVersion = "v1", Kind = "Pod", Metadata = new V1ObjectMeta { Name = "a", NamespaceProperty = "chat", ResourceVersion = "1" }, Spec = created.Spec };
        Assert.Equal("2", store.Update(first).Metadata.ResourceVersion);
        var conflict = Assert.Throws<StoreConflictException>(() => store.Update(second));
        Assert.Equal(409, conflict.StatusCode);
        Assert.Contains("has been modified", conflict.Message, StringComparison.Ordinal);

        Assert.Equal(409, Assert.Throws<StoreConflictException>(() => store.Create(Pod("a"))).StatusCode);
        Assert.Equal(404, Assert.Throws<StoreConflictException>(() => store.Update(Pod("missing"))).StatusCode);
        Assert.Throws<StoreConflictException>(() => store.Delete<V1Pod>("chat", "a", resourceVersion: "1"));
        Assert.NotNull(store.Delete<V1Pod>("chat", "a", resourceVersion: "2"));
        Assert.Null(store.Get<V1Pod>("chat", "a"));
    }

    [Fact]
    public async Task With_graceful_deletion_a_bound_pod_is_marked_terminating_and_goes_at_its_second_deletion()
    {
        var now = new DateTimeOffset(2027, 1, 11, 0, 0, 5, TimeSpan.Zero);
        var store = new ClusterStore { GracefulPodDeletion = () => now };
        store.Create(Pod("bound"));
        store.Bind("chat", "bound", "node-1");
        store.Create(Pod("pending"));
        store.Create(Pod("forced"));
        store.Bind("chat", "forced", "node-1");
        using var cancel = new CancellationTokenSource();
        var watch = store.Watch<V1Pod>(resourceVersion: store.ResourceVersion, cancellationToken: cancel.Token);

        Assert.NotNull(store.Delete<V1Pod>("chat", "bound"));
        var terminating = store.Get<V1Pod>("chat", "bound");
        Assert.Equal(now.UtcDateTime, terminating!.Metadata.DeletionTimestamp);
        Assert.NotNull(store.Delete<V1Pod>("chat", "pending"));
        Assert.Null(store.Get<V1Pod>("chat", "pending"));
        Assert.NotNull(store.DeleteNow<V1Pod>("chat", "forced"));
        Assert.Null(store.Get<V1Pod>("chat", "forced"));
        Assert.NotNull(store.Delete<V1Pod>("chat", "bound"));
        Assert.Null(store.Get<V1Pod>("chat", "bound"));

        var seen = new List<(WatchEventType, string)>();
        for (var i = 0; i < 4; i++)
        {
            var e = await watch.ReadAsync();
            seen.Add((e.Type, e.Item.Metadata.Name));
        }

        Assert.Equal([(WatchEventType.Modified, "bound"), (WatchEventType.Deleted, "pending"), (WatchEventType.Deleted, "forced"), (WatchEventType.Deleted, "bound")], seen);
    }

    [Fact]
    public async Task A_watch_lists_then_streams_and_can_resume_from_a_version_in_the_history()
    {
        var store = new ClusterStore(historyLength: 3);
        store.Create(Pod("a"));
        using var cancel = new CancellationTokenSource();
        var watch = store.Watch<V1Pod>(cancellationToken: cancel.Token);
        store.Create(Pod("b"));
        store.Delete<V1Pod>("chat", "a");

        var seen = new List<(WatchEventType, string)>();
        for (var i = 0; i < 3; i++)
        {
            var e = await watch.ReadAsync();
            seen.Add((e.Type, e.Item.Metadata.Name));
        }

        Assert.Equal([(WatchEventType.Added, "a"), (WatchEventType.Added, "b"), (WatchEventType.Deleted, "a")], seen);

        var resumed = store.Watch<V1Pod>(resourceVersion: 2);
        var replay = await resumed.ReadAsync();
        Assert.Equal((WatchEventType.Deleted, "a", 3L), (replay.Type, replay.Item.Metadata.Name, replay.ResourceVersion));

        store.Create(Pod("c"));
        store.Create(Pod("d"));
        store.Create(Pod("e"));
        Assert.Equal(410, Assert.Throws<StoreConflictException>(() => store.Watch<V1Pod>(resourceVersion: 1)).StatusCode);
        await cancel.CancelAsync();
        var rest = new List<string>();
        await foreach (var e in watch.ReadAllAsync())
        {
            rest.Add(e.Item.Metadata.Name);
        }

        Assert.Equal(["c", "d", "e"], rest);
    }

    [Fact]
    public void A_pod_that_would_exceed_its_namespace_quota_is_forbidden_and_finished_pods_free_it()
    {
        // ResourceQuota admission (kubernetes.io/docs/concepts/policy/resource-quotas): "If creating or updating
        // a resource violates a quota constraint, the request will fail with HTTP status code 403 FORBIDDEN".
        var store = new ClusterStore();
        store.Create(new V1ResourceQuota
        {
            ApiVersion = "v1",
            Kind = "ResourceQuota",
            Metadata = new V1ObjectMeta { Name = "gpus", NamespaceProperty = "chat" },
            Spec = new V1ResourceQuotaSpec { Hard = new Dictionary<string, ResourceQuantity> { ["requests.nvidia.com/gpu"] = new("4"), ["pods"] = new("10") } },
        });
        store.Create(Pod("a", gpus: "3"));
        var refused = Assert.Throws<StoreConflictException>(() => store.Create(Pod("b", gpus: "2")));
        Assert.Equal(403, refused.StatusCode);
        Assert.Contains("exceeded quota: gpus, requested: requests.nvidia.com/gpu=2, used: requests.nvidia.com/gpu=3, limited: requests.nvidia.com/gpu=4", refused.Message, StringComparison.Ordinal);
        store.Create(Pod("b", gpus: "2", ns: "search"));

        var done = store.Get<V1Pod>("chat", "a")!;
        done.Status = new V1PodStatus { Phase = "Succeeded" };
        store.Update(done);
        store.Create(Pod("c", gpus: "4"));
        Assert.Equal(4000, store.QuotaUsed("chat")["requests.nvidia.com/gpu"]);
    }
}
