using k8s.Models;
using Selene.Cluster.Manifests;
using Selene.Cluster.Scheduling.Framework;
using Selene.Cluster.Scheduling.Profiles;
using Selene.Cluster.Store;

namespace Selene.Cluster.Scheduling;

/// <summary>
/// The scheduler in place: a cluster store, the scheduler's snapshot of it, the pending-pod queue and one
/// <see cref="Scheduler"/> per profile. Pods are admitted through the store (resource quotas), get their priority
/// from their priority class, and are scheduled in queue order; bindings, evictions and nominations are written
/// back to the store. Time is virtual: a run advances it to the next backoff end when nothing else is ready.
/// </summary>
public sealed class ClusterScheduler : IPodBinder
{
    private readonly Dictionary<string, Scheduler> _schedulers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _priorityClasses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SchedulingResult> _latest = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private int? _defaultPriority;
    private long _order;
    private bool _clusterChanged;

    /// <summary>Creates an empty cluster scheduled by <paramref name="configure"/>'s profiles.</summary>
    /// <param name="configure">Builds the configuration from the plugin context of this scheduler's snapshot.</param>
    /// <param name="environment">Node conditions for the space plugins.</param>
    /// <param name="seed">Seed of the tie-breaking streams.</param>
    /// <param name="explain">Record an explanation for every decision.</param>
    public ClusterScheduler(Func<PluginContext, SchedulerConfiguration>? configure = null, Space.INodeEnvironment? environment = null, int seed = 1, bool explain = false)
    {
        Context = new PluginContext(Snapshot.Resources, environment ?? new Space.AnnotationEnvironment());
        Configuration = (configure ?? SchedulerConfiguration.Default)(Context);
        Queue = new PendingPods(Configuration.InitialBackoff, Configuration.MaxBackoff);
        foreach (var profile in Configuration.Profiles)
        {
            _schedulers[profile.SchedulerName] = new Scheduler(Snapshot, profile, this, Configuration.PercentageOfNodesToScore, seed, explain);
        }
    }

    /// <summary>The cluster's objects.</summary>
    public ClusterStore Store { get; } = new();

    /// <summary>The scheduler's view of the cluster.</summary>
    public ClusterSnapshot Snapshot { get; } = new();

    /// <summary>What plugins were built with.</summary>
    public PluginContext Context { get; }

    /// <summary>The configuration in use.</summary>
    public SchedulerConfiguration Configuration { get; }

    /// <summary>Pods waiting for a node.</summary>
    public PendingPods Queue { get; }

    /// <summary>The virtual time of the run.</summary>
    public TimeSpan Now { get; private set; }

    /// <summary>The latest result for each pod that has been tried, by <c>namespace/name</c>.</summary>
    public IReadOnlyDictionary<string, SchedulingResult> Latest => _latest;

    /// <summary>How many scheduling cycles each pod took.</summary>
    public IReadOnlyDictionary<string, int> Attempts => _attempts;

    /// <summary>Adds a node (or replaces one of the same name); pods parked as unschedulable get another try.</summary>
    public void SetNode(V1Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (Store.Get<V1Node>(null, node.Metadata.Name) is { } existing)
        {
            node.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
            Store.Update(node);
        }
        else
        {
            Store.Create(node);
        }

        Snapshot.SetNode(node);
        _clusterChanged = true;
    }

    /// <summary>Adds a namespace, a priority class or a resource quota.</summary>
    public void Add(V1Namespace ns)
    {
        ArgumentNullException.ThrowIfNull(ns);
        Store.Create(ns);
        Snapshot.SetNamespace(ns);
    }

    /// <inheritdoc cref="Add(V1Namespace)"/>
    public void Add(V1PriorityClass priorityClass)
    {
        ArgumentNullException.ThrowIfNull(priorityClass);
        Store.Create(priorityClass);
        _priorityClasses[priorityClass.Metadata.Name] = priorityClass.Value ?? 0;
        if (priorityClass.GlobalDefault == true)
        {
            _defaultPriority = priorityClass.Value;
        }
    }

    /// <inheritdoc cref="Add(V1Namespace)"/>
    public void Add(V1ResourceQuota quota)
    {
        ArgumentNullException.ThrowIfNull(quota);
        Store.Create(quota);
    }

    /// <summary>
    /// Admits a pod through the store: a bound pod (with <c>spec.nodeName</c>) is accounted on its node, a pending
    /// one queued. A quota refusal is returned as the pod's result.
    /// </summary>
    public SchedulingResult? Submit(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        pod.Metadata.NamespaceProperty ??= "default";
        var priority = PriorityOf(pod);
        pod.Spec!.Priority = priority;
        var info = new PodInfo(pod, Snapshot.Resources, priority, _order++);
        try
        {
            Store.Create(pod);
        }
        catch (StoreConflictException e)
        {
            var refused = new SchedulingResult(info, null, Status.Unresolvable(e.Message), e.Message, null, null, new Dictionary<string, int>());
            _latest[info.Key] = refused;
            return refused;
        }

        if (!string.IsNullOrEmpty(pod.Spec.NodeName))
        {
            if (Snapshot.Node(pod.Spec.NodeName) is { } node)
            {
                Snapshot.Bind(info, node);
            }

            return null;
        }

        Queue.Add(info);
        return null;
    }

    /// <summary>Queues a pending pod that is already in the store (a controller created it).</summary>
    public void Enqueue(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var priority = PriorityOf(pod);
        Queue.Add(new PodInfo(pod, Snapshot.Resources, priority, _order++));
    }

    /// <summary>Moves the scheduler's clock (what backoffs are measured against) forward to <paramref name="now"/>.</summary>
    public void AdvanceTo(TimeSpan now)
    {
        if (now > Now)
        {
            Now = now;
        }
    }

    /// <summary>A node changed in the store by someone else (the node lifecycle's taints): the snapshot follows.</summary>
    public void Observe(V1Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        Snapshot.SetNode(node);
        _clusterChanged = true;
    }

    /// <summary>A pod left the store: its resources are free again and it is no longer waiting.</summary>
    public void Forget(string podKey)
    {
        _clusterChanged |= Snapshot.Unbind(podKey);
        Queue.Forget(podKey);
    }

    /// <summary>Loads a manifest set: namespaces, priority classes and quotas first, then nodes, then pods.</summary>
    public void Load(ManifestSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        foreach (var ns in set.Namespaces)
        {
            Add(ns.Value);
        }

        foreach (var pod in set.Pods.Select(p => p.Value.Metadata.NamespaceProperty ?? "default").Distinct(StringComparer.Ordinal))
        {
            if (Store.Get<V1Namespace>(null, pod) is null)
            {
                Add(new V1Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new V1ObjectMeta { Name = pod } });
            }
        }

        foreach (var priorityClass in set.PriorityClasses)
        {
            Add(priorityClass.Value);
        }

        foreach (var quota in set.ResourceQuotas)
        {
            Add(quota.Value);
        }

        foreach (var node in set.Nodes)
        {
            SetNode(node.Node);
        }

        // Bound pods first, so quota usage and node accounting see them before any pending pod.
        foreach (var pod in set.Pods.OrderBy(p => string.IsNullOrEmpty(p.Value.Spec.NodeName) ? 1 : 0))
        {
            Submit(pod.Value);
        }
    }

    // Admission's Priority plugin: the pod's own priority, else its class's, else the global default class's, else 0.
    private int PriorityOf(V1Pod pod) =>
        pod.Spec?.Priority
        ?? (pod.Spec?.PriorityClassName is { Length: > 0 } name && _priorityClasses.TryGetValue(name, out var value) ? value : _defaultPriority ?? 0);

    /// <summary>Runs one scheduling cycle for the next ready pod; false when no pod is ready and none is backing off.</summary>
    /// <remarks>With no pod ready but one backing off, the scheduler's clock jumps to the end of that backoff.</remarks>
    public bool Step() => Cycle(advanceClock: true);

    /// <summary>
    /// Schedules every pod ready at the scheduler's current time without moving its clock, for a caller that owns
    /// time (a simulation kernel): it comes back at <see cref="PendingPods.NextRetry"/>. Returns the cycles run.
    /// </summary>
    public int RunReady(int maxCycles = int.MaxValue)
    {
        var cycles = 0;
        while (cycles < maxCycles && Cycle(advanceClock: false))
        {
            cycles++;
        }

        return cycles;
    }

    private bool Cycle(bool advanceClock)
    {
        if (_clusterChanged)
        {
            Queue.MoveAllToActiveOrBackoff(Now);
            _clusterChanged = false;
        }

        if (!Queue.TryPop(Now, out var pod))
        {
            if (!advanceClock || Queue.NextBackoffEnd is not { } next)
            {
                return false;
            }

            Now = next;
            return true;
        }

        if (Store.Get<V1Pod>(pod.Namespace, pod.Name) is not { } stored || !string.IsNullOrEmpty(stored.Spec.NodeName) || stored.Metadata.DeletionTimestamp is not null)
        {
            return true; // Deleted or bound since it was queued.
        }

        var scheduler = SchedulerFor(pod);
        if (scheduler is null)
        {
            // kube-scheduler leaves pods for other schedulers alone.
            _latest[pod.Key] = new SchedulingResult(pod, null, Status.Skip, $"no profile named {pod.Pod.Spec.SchedulerName}", null, null, new Dictionary<string, int>());
            return true;
        }

        _attempts[pod.Key] = _attempts.GetValueOrDefault(pod.Key) + 1;
        var result = scheduler.Schedule(pod);
        _latest[pod.Key] = result;
        if (result.Scheduled)
        {
            Queue.Forget(pod.Key);
        }
        else if (result.Preemption is not null || result.Status.Code == StatusCode.Error)
        {
            Queue.Requeue(pod, Now);
        }
        else
        {
            Queue.MarkUnschedulable(pod, Now);
        }

        return true;
    }

    /// <summary>Schedules until every pod is bound or parked with nothing left that could change; returns the cycles run.</summary>
    public int RunUntilSettled(int maxCycles = int.MaxValue)
    {
        var cycles = 0;
        while (cycles < maxCycles && Step())
        {
            cycles++;
        }

        return cycles;
    }

    /// <summary>The scheduler for a pod's <c>spec.schedulerName</c>, or null when no profile has that name.</summary>
    public Scheduler? SchedulerFor(PodInfo pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var name = pod.Pod.Spec?.SchedulerName;
        return _schedulers.GetValueOrDefault(string.IsNullOrEmpty(name) ? "default-scheduler" : name);
    }

    bool IPodBinder.Bind(PodInfo pod, string node)
    {
        try
        {
            Store.Bind(pod.Namespace, pod.Name, node);
            return true;
        }
        catch (StoreConflictException)
        {
            return false;
        }
    }

    void IPodBinder.Evict(PodInfo victim, PodInfo preemptor)
    {
        Store.Delete<V1Pod>(victim.Namespace, victim.Name);
        _latest[victim.Key] = new SchedulingResult(victim, null, Status.Unschedulable($"preempted by {preemptor.Key}"), $"Preempted by {preemptor.Key}", null, null, new Dictionary<string, int>());
        _clusterChanged = true;
    }

    void IPodBinder.Nominate(PodInfo pod, string node)
    {
        pod.Pod.Status ??= new V1PodStatus();
        pod.Pod.Status.NominatedNodeName = node;
    }
}
