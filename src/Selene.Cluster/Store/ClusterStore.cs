using System.Globalization;
using System.Threading.Channels;
using k8s;
using k8s.Models;

namespace Selene.Cluster.Store;

/// <summary>
/// An in-memory API server for KubernetesClient model objects: one <c>resourceVersion</c> sequence for all
/// objects, optimistic concurrency (an update or delete that names a stale version is refused), admission
/// of pods against their namespace's resource quotas, and watch streams that can resume from a version
/// still in the recent history (older ones are answered 410 Expired, as the API server does).
/// </summary>
/// <remarks>
/// Objects handed to the store belong to it, as objects in a client-go informer cache do: to change one,
/// update a copy. The store is safe to use from several threads.
/// </remarks>
public sealed class ClusterStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Type, Dictionary<string, IKubernetesObject<V1ObjectMeta>>> _objects = [];
    private readonly List<Watcher> _watchers = [];
    private readonly Queue<(Type Type, WatchEventType Event, IKubernetesObject<V1ObjectMeta> Item, long Version)> _history = new();
    private readonly int _historyLength;
    private readonly ResourceQuotaAdmission _quotas;
    private long _version;

    /// <summary>Creates an empty store.</summary>
    /// <param name="historyLength">How many recent changes a watch may resume from.</param>
    public ClusterStore(int historyLength = 100_000)
    {
        _historyLength = historyLength;
        _quotas = new ResourceQuotaAdmission(this);
    }

    /// <summary>The version of the latest change.</summary>
    public long ResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _version;
            }
        }
    }

    /// <summary>Stores a new object, giving it a uid, a creation version and (for pods) quota admission.</summary>
    /// <exception cref="StoreConflictException">An object of that kind, namespace and name exists (409), or a quota forbids the pod (403).</exception>
    public T Create<T>(T item)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(item);
        var key = Key(item.Metadata);
        lock (_gate)
        {
            var objects = Objects(typeof(T));
            if (objects.ContainsKey(key))
            {
                throw new StoreConflictException(409, "AlreadyExists", $"{item.Kind} \"{key}\" already exists");
            }

            if (item is V1Pod pod)
            {
                _quotas.Admit(pod);
            }

            item.Metadata.Uid ??= Guid.CreateVersion7(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(_version + 1)).ToString();
            Stamp(item);
            objects.Add(key, item);
            Publish(typeof(T), WatchEventType.Added, item);
            return item;
        }
    }

    /// <summary>Replaces an object. When its <c>resourceVersion</c> is set it must be the stored one.</summary>
    /// <exception cref="StoreConflictException">The object is missing (404) or its version is stale (409).</exception>
    public T Update<T>(T item)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(item);
        var key = Key(item.Metadata);
        lock (_gate)
        {
            var objects = Objects(typeof(T));
            if (!objects.TryGetValue(key, out var current))
            {
                throw new StoreConflictException(404, "NotFound", $"{item.Kind} \"{key}\" not found");
            }

            CheckVersion(item.Metadata.ResourceVersion, current);
            item.Metadata.Uid = current.Metadata.Uid;
            Stamp(item);
            objects[key] = item;
            Publish(typeof(T), WatchEventType.Modified, item);
            return item;
        }
    }

    /// <summary>
    /// Binds a pending pod to a node, as the <c>pods/binding</c> subresource does: sets <c>spec.nodeName</c> and
    /// publishes the change.
    /// </summary>
    /// <exception cref="StoreConflictException">The pod is missing (404) or already bound (409).</exception>
    public V1Pod Bind(string? ns, string name, string node)
    {
        lock (_gate)
        {
            if (!Objects(typeof(V1Pod)).TryGetValue(Key(ns, name), out var item) || item is not V1Pod pod)
            {
                throw new StoreConflictException(404, "NotFound", $"pods \"{Key(ns, name)}\" not found");
            }

            if (!string.IsNullOrEmpty(pod.Spec.NodeName))
            {
                throw new StoreConflictException(409, "Conflict", $"pod {Key(ns, name)} is already assigned to node \"{pod.Spec.NodeName}\"");
            }

            pod.Spec.NodeName = node;
            Stamp(pod);
            Publish(typeof(V1Pod), WatchEventType.Modified, pod);
            return pod;
        }
    }

    /// <summary>
    /// When set, deleting a pod bound to a node is graceful, as the API server makes it: the pod is marked terminating
    /// (<c>metadata.deletionTimestamp</c>, from this clock) and stays, holding its node's resources, until its kubelet
    /// deletes it once its containers have stopped. Null (the default): deletion is immediate.
    /// </summary>
    public Func<DateTimeOffset>? GracefulPodDeletion { get; set; }

    /// <summary>
    /// Removes an object (a bound pod gracefully under <see cref="GracefulPodDeletion"/>: marked terminating, and
    /// removed by a second deletion); when <paramref name="resourceVersion"/> is given it must be the stored one.
    /// </summary>
    /// <returns>The removed (or terminating) object, or null when there was none.</returns>
    /// <exception cref="StoreConflictException">The version is stale (409).</exception>
    public T? Delete<T>(string? ns, string name, string? resourceVersion = null)
        where T : class, IKubernetesObject<V1ObjectMeta> => Remove<T>(ns, name, resourceVersion, graceful: true);

    /// <summary>Removes an object at once, a pod too (<c>kubectl delete --grace-period=0 --force</c>: its containers are known gone).</summary>
    /// <returns>The removed object, or null when there was none.</returns>
    public T? DeleteNow<T>(string? ns, string name)
        where T : class, IKubernetesObject<V1ObjectMeta> => Remove<T>(ns, name, null, graceful: false);

    private T? Remove<T>(string? ns, string name, string? resourceVersion, bool graceful)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var key = Key(ns, name);
        lock (_gate)
        {
            var objects = Objects(typeof(T));
            if (!objects.TryGetValue(key, out var current))
            {
                return null;
            }

            CheckVersion(resourceVersion, current);
            if (graceful && GracefulPodDeletion is { } clock && current is V1Pod { Spec.NodeName.Length: > 0, Metadata.DeletionTimestamp: null } pod)
            {
                pod.Metadata.DeletionTimestamp = clock().UtcDateTime;
                Stamp(pod);
                Publish(typeof(V1Pod), WatchEventType.Modified, pod);
                return (T)current;
            }

            objects.Remove(key);
            _version++;
            Publish(typeof(T), WatchEventType.Deleted, current);
            return (T)current;
        }
    }

    /// <summary>The object with that namespace and name, or null.</summary>
    public T? Get<T>(string? ns, string name)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        lock (_gate)
        {
            return Objects(typeof(T)).TryGetValue(Key(ns, name), out var item) ? (T)item : null;
        }
    }

    /// <summary>Every object of a kind (in one namespace when <paramref name="ns"/> is given), ordered by namespace and name.</summary>
    public IReadOnlyList<T> List<T>(string? ns = null)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        lock (_gate)
        {
            return Objects(typeof(T)).Values.Cast<T>()
                .Where(o => ns is null || (o.Metadata.NamespaceProperty ?? "") == ns)
                .OrderBy(o => Key(o.Metadata), StringComparer.Ordinal)
                .ToList();
        }
    }

    /// <summary>A namespace's quota usage per key (<c>pods</c>, <c>requests.cpu</c>, …), in thousandths.</summary>
    public IReadOnlyDictionary<string, long> QuotaUsed(string ns)
    {
        lock (_gate)
        {
            return new Dictionary<string, long>(_quotas.Used(ns), StringComparer.Ordinal);
        }
    }

    internal IEnumerable<T> ListUnlocked<T>(string ns) =>
        Objects(typeof(T)).Values.Cast<T>().Where(o => o is IKubernetesObject<V1ObjectMeta> k && (k.Metadata.NamespaceProperty ?? "") == ns);

    /// <summary>
    /// A stream of changes to objects of a kind. Without <paramref name="resourceVersion"/> it starts with an
    /// Added event for every current object; with one, it replays the changes after that version.
    /// </summary>
    /// <exception cref="StoreConflictException">The version is older than the history kept (410 Expired).</exception>
    public ChannelReader<WatchEvent<T>> Watch<T>(long? resourceVersion = null, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var channel = Channel.CreateUnbounded<WatchEvent<T>>(new UnboundedChannelOptions { SingleReader = true });
        var watcher = new Watcher(typeof(T), e => channel.Writer.TryWrite(new WatchEvent<T>(e.Event, (T)e.Item, e.Version)), () => channel.Writer.TryComplete());
        lock (_gate)
        {
            if (resourceVersion is { } from)
            {
                if (from < _version && (_history.Count == 0 || _history.Peek().Version > from + 1))
                {
                    throw new StoreConflictException(410, "Expired", $"too old resource version: {from} ({_version})");
                }

                foreach (var change in _history.Where(h => h.Type == typeof(T) && h.Version > from))
                {
                    watcher.Deliver((change.Event, change.Item, change.Version));
                }
            }
            else
            {
                foreach (var item in Objects(typeof(T)).Values.OrderBy(o => Key(o.Metadata), StringComparer.Ordinal))
                {
                    watcher.Deliver((WatchEventType.Added, item, _version));
                }
            }

            _watchers.Add(watcher);
        }

        cancellationToken.Register(() =>
        {
            lock (_gate)
            {
                _watchers.Remove(watcher);
            }

            watcher.Complete();
        });
        return channel.Reader;
    }

    /// <summary>The key the store files an object under: <c>namespace/name</c>, or <c>name</c> for cluster-scoped objects.</summary>
    public static string Key(string? ns, string name) => string.IsNullOrEmpty(ns) ? name : $"{ns}/{name}";

    private static string Key(V1ObjectMeta? metadata)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metadata?.Name, "metadata.name");
        return Key(metadata.NamespaceProperty, metadata.Name);
    }

    private Dictionary<string, IKubernetesObject<V1ObjectMeta>> Objects(Type type)
    {
        if (!_objects.TryGetValue(type, out var objects))
        {
            objects = new Dictionary<string, IKubernetesObject<V1ObjectMeta>>(StringComparer.Ordinal);
            _objects.Add(type, objects);
        }

        return objects;
    }

    private static void CheckVersion(string? expected, IKubernetesObject<V1ObjectMeta> current)
    {
        if (!string.IsNullOrEmpty(expected) && expected != current.Metadata.ResourceVersion)
        {
            throw new StoreConflictException(409, "Conflict",
                $"Operation cannot be fulfilled on {current.Kind} \"{Key(current.Metadata)}\": the object has been modified; please apply your changes to the latest version and try again");
        }
    }

    private void Stamp(IKubernetesObject<V1ObjectMeta> item)
    {
        _version++;
        item.Metadata.ResourceVersion = _version.ToString(CultureInfo.InvariantCulture);
    }

    private void Publish(Type type, WatchEventType kind, IKubernetesObject<V1ObjectMeta> item)
    {
        if (item is V1Pod pod)
        {
            _quotas.Observe(kind, pod);
        }

        _history.Enqueue((type, kind, item, _version));
        while (_history.Count > _historyLength)
        {
            _history.Dequeue();
        }

        foreach (var watcher in _watchers)
        {
            if (watcher.Type == type)
            {
                watcher.Deliver((kind, item, _version));
            }
        }
    }

    private sealed record Watcher(Type Type, Action<(WatchEventType Event, IKubernetesObject<V1ObjectMeta> Item, long Version)> Deliver, Action Complete);
}
