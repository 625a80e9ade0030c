using System.Globalization;
using System.Threading.Channels;
using k8s;
using k8s.Models;
using Selene.Cluster.Controllers;
using Selene.Cluster.Manifests;
using Selene.Cluster.Scheduling;
using Selene.Cluster.Store;
using Selene.Simulation.Faults;
using Selene.Simulation.Kernel;
using Selene.Simulation.Model;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.ControlPlane;

/// <summary>
/// The cluster's control plane inside the twin: each serving tenant's replicas as a Deployment (or StatefulSet) in a
/// cluster store, the controllers and the node lifecycle reconciling on its watch streams under the simulated
/// clock, the scheduler binding their pods whenever a pod waits or the cluster changes, and a kubelet stand-in
/// that starts a bound pod's replica on its node (the binding crossing the link), marks it ready once its model is
/// loaded, and stops evicted or deleted pods' replicas (its word crossing the link back). Every node
/// sends a heartbeat each 10 s that crosses its link — late by the light time, lost while the link is down, never
/// sent once the node is lost — worked out when the node lifecycle asks rather than sent as events. A node silent
/// past its grace is tainted and its pods evicted; the controllers replace them; a node silent for ten grace
/// periods with its link up is taken for dead and fenced, freeing StatefulSet identities. Reported faults taint
/// their node (<see cref="CosmicEvent.TaintKey"/>). Each lost node's time to detect (fault → taint) is recorded,
/// and for every fault the time until every workload is back at its replicas.
/// </summary>
internal sealed class TwinControlPlane : IDisposable
{
    private const double HeartbeatSeconds = 10;
    private const double PodStartupSeconds = 5;
    // Kubernetes' default terminationGracePeriodSeconds: a model server finishes what it can in it.
    private const double PodShutdownSeconds = 30;
    private const double FenceAfterGraces = 10;

    private readonly SimulationKernel _kernel;
    private readonly Action<string>? _lossDetected;
    private readonly IReadOnlyList<TenantSpec> _workloads;
    private readonly IReplicaHost _host;
    private readonly ClusterScheduler _cluster;
    private readonly NodeLifecycleController _lifecycle;
    private readonly ControllerManager _controllers;
    private readonly NodeLifecycleOptions _options = new();
    private readonly Dictionary<string, TwinNode> _nodes = new(StringComparer.Ordinal);
    private readonly List<(string Node, double At)> _undetected = [];
    private readonly FaultRecovery _recovery = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<string> _started = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _unready = new(StringComparer.Ordinal);
    private long _unreadyVersion = -1;
    private double _nextScheduling = double.PositiveInfinity;

    public TwinControlPlane(SimulationKernel kernel, IReadOnlyList<TenantSpec> workloads, IReplicaHost host, Scheduling.TwinNodeEnvironment environment, Action<string>? lossDetected = null)
    {
        _kernel = kernel;
        _host = host;
        _lossDetected = lossDetected;
        _workloads = workloads;
        _cluster = new ClusterScheduler(environment: environment);
        // A pod scaled down, preempted or evicted leaves as Kubernetes lets it: terminating, its replica finishing what
        // it holds within the grace period, its GPUs its own until then.
        _cluster.Store.GracefulPodDeletion = kernel.TimeProvider.GetUtcNow;
        _lifecycle = new NodeLifecycleController(_cluster.Store, kernel.TimeProvider, _options, LinkUpAt, LastHeartbeat);
        _controllers = new ControllerManager(_cluster.Store, kernel.TimeProvider, _lifecycle);
    }

    /// <summary>Seconds from each node loss to its unreachable taint, or to its fencing when that came first (the link was down).</summary>
    public List<double> DetectSeconds { get; } = [];

    /// <summary>Seconds from each fault that took a workload below its replicas until every workload was back.</summary>
    public List<double> RecoverSeconds => _recovery.RecoverSeconds;

    /// <summary>Faults after which every workload was seen at its replicas again (disrupting or not).</summary>
    public long FaultsFollowedByRecovery => _recovery.FaultsFollowedByRecovery;

    /// <summary>Faults still waiting for the workloads to be back at their replicas when the run ended.</summary>
    public int FaultsUnrecoveredAtEnd => _recovery.Waiting;

    /// <summary>Pods the node lifecycle evicted.</summary>
    public long Evictions => _lifecycle.Evictions;

    /// <summary>Times a StatefulSet identity was seen on two live pods at once (must stay 0).</summary>
    public long IdentityConflicts { get; private set; }

    /// <summary>Whether every workload has its replicas bound and ready, on live nodes, now.</summary>
    public bool AtDesired => _workloads.All(w => Healthy(w) >= Replicas(w.Name));

    /// <summary>The replicas a tenant's workload asks for now.</summary>
    public int Replicas(string tenant) => _cluster.Store.Get<V1Deployment>(tenant, tenant)?.Spec.Replicas
        ?? _cluster.Store.Get<V1StatefulSet>(tenant, tenant)?.Spec.Replicas ?? 0;

    /// <summary>Sets a tenant's workload to <paramref name="replicas"/> (the autoscaler's scale subresource).</summary>
    public void Scale(string tenant, int replicas)
    {
        if (_cluster.Store.Get<V1Deployment>(tenant, tenant) is { } deployment)
        {
            deployment.Spec.Replicas = replicas;
            _cluster.Store.Update(deployment);
        }
        else if (_cluster.Store.Get<V1StatefulSet>(tenant, tenant) is { } set)
        {
            set.Spec.Replicas = replicas;
            _cluster.Store.Update(set);
        }

        CheckRecovery();
    }

    /// <summary>Pods of a tenant not yet ready (pending, or bound and loading), as the HPA counts them; worked out again only when the store changed.</summary>
    public int Unready(string tenant)
    {
        var version = _cluster.Store.ResourceVersion;
        if (version != _unreadyVersion)
        {
            _unreadyVersion = version;
            _unready.Clear();
            foreach (var pod in _cluster.Store.List<V1Pod>())
            {
                if (PodStates.IsActive(pod) && !PodStates.IsReady(pod))
                {
                    var ns = pod.Metadata.NamespaceProperty ?? "";
                    _unready[ns] = _unready.GetValueOrDefault(ns) + 1;
                }
            }
        }

        return _unready.GetValueOrDefault(tenant);
    }

    /// <summary>
    /// Why a tenant's pods wait to be placed: the scheduler's message for one of its pods it could not place (kube-
    /// scheduler's "0/3 nodes are available: …"), or null when none waits for that reason.
    /// </summary>
    public string? WhyUnscheduled(string tenant)
    {
        foreach (var pod in _cluster.Store.List<V1Pod>(tenant))
        {
            if (string.IsNullOrEmpty(pod.Spec.NodeName) && _cluster.Latest.TryGetValue($"{tenant}/{pod.Metadata.Name}", out var result) && !result.Scheduled)
            {
                return result.Message;
            }
        }

        return null;
    }

    /// <summary>A pod's replica ended by a fault: the kubelet reports the pod failed and it is deleted, for its controller to replace.</summary>
    public void PodFailed(string tenant, string name, string uid)
    {
        if (_cluster.Store.Get<V1Pod>(tenant, name) is { } pod && pod.Metadata.Uid == uid)
        {
            _cluster.Store.DeleteNow<V1Pod>(tenant, name);
        }
    }

    /// <summary>Creates the workloads and starts the loops.</summary>
    public void Start()
    {
        var store = _cluster.Store;
        foreach (var ns in _workloads.Select(w => w.Name))
        {
            _cluster.Add(new V1Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new V1ObjectMeta { Name = ns } });
        }

        _kernel.Spawn(() => _controllers.RunAsync(_stop.Token));
        _kernel.Spawn(() => Informer(store.Watch<V1Pod>(cancellationToken: _stop.Token)));
        _kernel.Spawn(() => NodeInformer(store.Watch<V1Node>(cancellationToken: _stop.Token)));
        foreach (var workload in _workloads)
        {
            Create(workload);
        }
    }

    /// <summary>Adds a node that came online; it starts sending heartbeats.</summary>
    public void AddNode(NodeServer server)
    {
        var node = KubernetesJson.Deserialize<V1Node>(KubernetesJson.Serialize(server.Profile.Node.Node));
        var location = server.Site.Spec.Location.ToString().ToLowerInvariant();
        node.Metadata.Labels ??= new Dictionary<string, string>();
        node.Metadata.Labels["selene.io/location"] = location;
        node.Metadata.Labels["kubernetes.io/hostname"] = node.Metadata.Name;
        node.Metadata.Labels[TenantWorkload.GpuTypeLabel] = server.Profile.GpuType;
        node.Metadata.ResourceVersion = null;
        var grace = _options.GracePeriods.GetValueOrDefault(location, _options.DefaultGracePeriod).TotalSeconds;
        _nodes[node.Metadata.Name] = new TwinNode(server, _kernel.Now, grace);
        _cluster.SetNode(node);
        _lifecycle.Heartbeat(node.Metadata.Name);
        RequestScheduling();
    }

    /// <summary>A node was lost to a fault now: it falls silent; once silent for ten graces with its link up it is fenced.</summary>
    public void NodeLost(NodeServer server)
    {
        var name = server.Profile.Node.Name;
        var node = _nodes[name];
        node.LostAt = _kernel.Now;
        _undetected.Add((name, _kernel.Now));
        _kernel.ScheduleAt(_kernel.Now + (FenceAfterGraces * node.GraceSeconds), () => Fence(name));
    }

    /// <summary>A fault happened now: from when its effects have landed, the workloads must come back to their replicas.</summary>
    public void FaultHappened(double effectsLandAt)
    {
        _recovery.Happened(_kernel.Now, effectsLandAt);
        CheckRecovery();
        _kernel.ScheduleAt(Math.Max(_kernel.Now, effectsLandAt), CheckRecovery);
    }

    /// <summary>Replaces the cosmic-event taints of a node (as its report reaches the control plane).</summary>
    public void SetCosmicTaints(string name, IReadOnlyList<V1Taint> taints)
    {
        if (_cluster.Store.Get<V1Node>(null, name) is not { } node)
        {
            return;
        }

        node.Spec ??= new V1NodeSpec();
        node.Spec.Taints = (node.Spec.Taints ?? []).Where(t => t.Key != CosmicEvent.TaintKey).Concat(taints).ToList();
        _cluster.Store.Update(node);
    }

    /// <summary>A node's report that it now has <paramref name="gpus"/> GPUs (one failed for good) has arrived: its capacity and allocatable say so.</summary>
    public void SetGpus(string name, int gpus)
    {
        if (_cluster.Store.Get<V1Node>(null, name) is not { } node)
        {
            return;
        }

        node.Status ??= new V1NodeStatus();
        var quantity = new ResourceQuantity(gpus.ToString(CultureInfo.InvariantCulture));
        node.Status.Capacity = new Dictionary<string, ResourceQuantity>(node.Status.Capacity ?? new Dictionary<string, ResourceQuantity>()) { [ClusterNode.GpuResource] = quantity };
        node.Status.Allocatable = new Dictionary<string, ResourceQuantity>(node.Status.Allocatable ?? node.Status.Capacity) { [ClusterNode.GpuResource] = quantity };
        _cluster.Store.Update(node);
    }

    /// <summary>GPUs the nodes in the cluster report as allocatable now.</summary>
    public long Gpus => _cluster.Store.List<V1Node>().Sum(n =>
        n.Status?.Allocatable is { } allocatable && allocatable.TryGetValue(ClusterNode.GpuResource, out var q) ? (long)q.ToDecimal() : 0);

    /// <summary>Stops the loops at the end of the run.</summary>
    public void Stop() => _stop.Cancel();

    /// <inheritdoc />
    public void Dispose() => _stop.Dispose();

    private static string? Label(V1Pod pod, string key) =>
        pod.Metadata.Labels is { } labels && labels.TryGetValue(key, out var value) ? value : null;

    private DateTimeOffset? LastHeartbeat(string name) =>
        _nodes.TryGetValue(name, out var node) && node.LastHeartbeat(_kernel.Now, HeartbeatSeconds) is { } arrived ? _kernel.TimeProvider.Epoch.AddSeconds(arrived) : null;

    private DateTimeOffset? LinkUpAt(string node)
    {
        if (!_nodes.TryGetValue(node, out var twin) || twin.Server.Site.Link is not { } link)
        {
            return null;
        }

        var now = _kernel.TimeProvider.GetUtcNow();
        var up = link.Schedule.PlannedUp(_kernel.Now);
        return up <= _kernel.Now ? now : double.IsFinite(up) ? now + TimeSpan.FromSeconds(up - _kernel.Now) : DateTimeOffset.MaxValue;
    }

    private void Create(TenantSpec tenant)
    {
        if (tenant.Serving!.Workload == WorkloadKind.Deployment)
        {
            _cluster.Store.Create(TenantWorkload.Deployment(tenant));
        }
        else
        {
            _cluster.Store.Create(TenantWorkload.StatefulSet(tenant));
        }
    }

    // The scheduler's informer and a kubelet stand-in: new pods are queued; bound pods become ready a few seconds
    // after the binding reaches their node, if it is alive; an evicted pod on a live node is stopped and its
    // deletion reported back over the link; deleted pods free their resources.
    private async Task Informer(ChannelReader<WatchEvent<V1Pod>> events)
    {
        while (await events.WaitToReadAsync())
        {
            while (events.TryRead(out var change))
            {
                var pod = change.Item;
                var key = $"{pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}";
                switch (change.Type)
                {
                    case WatchEventType.Added when string.IsNullOrEmpty(pod.Spec.NodeName):
                        _cluster.Enqueue(pod);
                        RequestScheduling();
                        break;
                    case WatchEventType.Modified when pod.Spec.NodeName is { Length: > 0 } node && _nodes.TryGetValue(node, out var twin):
                        var ns = pod.Metadata.NamespaceProperty;
                        var name = pod.Metadata.Name;
                        var uid = pod.Metadata.Uid;
                        if (pod.Metadata.DeletionTimestamp is not null)
                        {
                            // The deletion reaches the node: the replica takes nothing new, finishes what it can in the
                            // shutdown grace, and the kubelet's word that it stopped crosses back.
                            var reached = twin.Server.Site.AcrossLink(_kernel.Now);
                            if (double.IsFinite(reached))
                            {
                                _kernel.ScheduleAt(reached, () => _host.Stopping(ns, uid));
                                var stopped = twin.Server.Site.AcrossLink(reached + PodShutdownSeconds);
                                _kernel.ScheduleAt(reached + PodShutdownSeconds, () => _host.Stopped(ns, uid, "its pod was deleted"));
                                if (double.IsFinite(stopped))
                                {
                                    _kernel.ScheduleAt(stopped, () => Stopped(ns, name, uid, node));
                                }
                            }
                        }
                        else if (pod.Status?.Phase is null && _started.Add(uid))
                        {
                            // The replicas bound at time zero are the world as it stands when the run begins: running.
                            var warm = _kernel.Now == 0;
                            var started = warm ? 0 : twin.Server.Site.AcrossLink(_kernel.Now) + PodStartupSeconds;
                            if (double.IsFinite(started))
                            {
                                _kernel.ScheduleAt(started, () => Start(ns, name, uid, node, warm));
                            }
                        }

                        break;
                    case WatchEventType.Deleted:
                        _host.Stopped(pod.Metadata.NamespaceProperty, pod.Metadata.Uid, "its pod was deleted");
                        _started.Remove(pod.Metadata.Uid);
                        _cluster.Forget(key);
                        RequestScheduling();
                        break;
                }
            }

            CheckIdentities();
            CheckRecovery();
        }
    }

    private async Task NodeInformer(ChannelReader<WatchEvent<V1Node>> events)
    {
        while (await events.WaitToReadAsync())
        {
            while (events.TryRead(out var change))
            {
                if (change.Type == WatchEventType.Modified)
                {
                    _cluster.Observe(change.Item);
                    RequestScheduling();
                    if (change.Item.Spec?.Taints?.Any(t => t.Key == NodeLifecycleController.Unreachable) == true)
                    {
                        Detected(change.Item.Metadata.Name);
                    }
                }
            }
        }
    }

    // The scheduler runs when a pod waits or the cluster changed, and again when a backoff ends.
    private void RequestScheduling() => WakeSchedulerAt(_kernel.Now);

    private void WakeSchedulerAt(double time)
    {
        if (time >= _nextScheduling)
        {
            return;
        }

        _nextScheduling = time;
        _kernel.ScheduleAt(time, () =>
        {
            if (_kernel.Now != _nextScheduling || _stop.IsCancellationRequested)
            {
                return; // Superseded by an earlier wake-up.
            }

            _nextScheduling = double.PositiveInfinity;
            _cluster.AdvanceTo(TimeSpan.FromSeconds(_kernel.Now));
            _cluster.RunReady(maxCycles: 10_000);
            if (_cluster.Queue.NextRetry is { } retry)
            {
                WakeSchedulerAt(Math.Max(_kernel.Now, SecondsReaching(retry)));
            }
        });
    }

    /// <summary>
    /// The earliest simulated time whose clock reading is at or after <paramref name="due"/>: the clock rounds seconds
    /// to 100 ns ticks, and a wake-up a tick short of a retry would find it not yet due and wake again at the same time.
    /// </summary>
    internal static double SecondsReaching(TimeSpan due)
    {
        var seconds = due.TotalSeconds;
        while (TimeSpan.FromSeconds(seconds) < due)
        {
            seconds = Math.BitIncrement(seconds);
        }

        return seconds;
    }

    // The pod's containers start: its replica takes its GPUs and loads the model, Ready once loaded. GPUs the node's
    // device plugin has not yet reported lost fail the pod, and its controller makes another.
    private void Start(string ns, string name, string uid, string node, bool warm)
    {
        if (!Live(ns, name, uid, node, out _))
        {
            return;
        }

        if (!_host.Started(ns, uid, name, node))
        {
            _cluster.Store.DeleteNow<V1Pod>(ns, name);
            return;
        }

        _kernel.ScheduleAt(_kernel.Now + (warm ? 0 : _host.LoadSeconds(ns)), () => MarkReady(ns, name, uid, node));
    }

    private void MarkReady(string ns, string name, string uid, string node)
    {
        if (!Live(ns, name, uid, node, out var pod))
        {
            return;
        }

        pod.Status = new V1PodStatus { Phase = "Running", Conditions = [new V1PodCondition { Type = "Ready", Status = "True" }] };
        _cluster.Store.Update(pod);
        _host.Ready(ns, uid);
    }

    private bool Live(string ns, string name, string uid, string node, out V1Pod pod)
    {
        pod = _cluster.Store.Get<V1Pod>(ns, name)!;
        return pod is not null && pod.Metadata.Uid == uid && pod.Spec.NodeName == node && pod.Metadata.DeletionTimestamp is null
            && _nodes.TryGetValue(node, out var twin) && !twin.Server.Destroyed;
    }

    private void Stopped(string ns, string name, string uid, string node)
    {
        if (_nodes.TryGetValue(node, out var twin) && !twin.Server.Destroyed && _cluster.Store.Get<V1Pod>(ns, name) is { } pod && pod.Metadata.Uid == uid && pod.Spec.NodeName == node)
        {
            _cluster.Store.Delete<V1Pod>(ns, name);
        }
    }

    // A node silent for ten grace periods while its link is up is taken for dead: fenced, its pods gone for good.
    private void Fence(string name)
    {
        if (_stop.IsCancellationRequested || _cluster.Store.Get<V1Node>(null, name) is null)
        {
            return;
        }

        if (_nodes[name].Server.Site.Link?.Schedule.NextUp(_kernel.Now) is { } up && up > _kernel.Now)
        {
            if (double.IsFinite(up))
            {
                _kernel.ScheduleAt(up, () => Fence(name));
            }

            return;
        }

        Detected(name);
        _lifecycle.ForgetNode(name);
        _cluster.Snapshot.RemoveNode(name);
        RequestScheduling();
    }

    private void Detected(string node)
    {
        if (_undetected.Exists(u => u.Node == node))
        {
            _lossDetected?.Invoke(node);
        }

        for (var i = _undetected.Count - 1; i >= 0; i--)
        {
            if (_undetected[i].Node == node)
            {
                DetectSeconds.Add(_kernel.Now - _undetected[i].At);
                _undetected.RemoveAt(i);
            }
        }
    }

    // Whether every workload is at its replicas is worked out only while some fault waits for it.
    private void CheckRecovery()
    {
        if (_recovery.Waiting > 0)
        {
            _recovery.Check(_kernel.Now, AtDesired);
        }
    }

    private void CheckIdentities()
    {
        foreach (var workload in _workloads.Where(w => w.Serving!.Workload == WorkloadKind.StatefulSet))
        {
            var live = _cluster.Store.List<V1Pod>(workload.Name)
                .Where(p => Label(p, "app") == workload.Name && p.Spec.NodeName is { Length: > 0 } n && _nodes.TryGetValue(n, out var twin) && !twin.Server.Destroyed)
                .GroupBy(p => Label(p, "statefulset.kubernetes.io/pod-name"));
            IdentityConflicts += live.Count(g => g.Count() > 1);
        }
    }

    private int Healthy(TenantSpec workload) =>
        _cluster.Store.List<V1Pod>(workload.Name).Count(p => Label(p, "app") == workload.Name
            && PodStates.IsActive(p) && PodStates.IsReady(p) && _nodes.TryGetValue(p.Spec.NodeName ?? "", out var twin) && !twin.Server.Destroyed);
}
