using System.Globalization;
using k8s;
using k8s.Models;
using Selene.Cluster.Controllers;
using Selene.Cluster.Scheduling;
using Selene.Simulation.Kernel;
using Selene.Simulation.Model;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.ControlPlane;

/// <summary>
/// The cluster's control plane inside the twin: the scenario's workloads as Deployments and StatefulSets in a
/// cluster store, the controllers and the node lifecycle reconciling on its watch streams under the simulated
/// clock, the scheduler binding their pods, a kubelet stand-in marking bound pods ready, and every node sending a
/// heartbeat each 10 s that crosses its link (late by the light time, lost while the link is down, never sent
/// once the node is lost). A node silent past its grace is tainted and its pods evicted; the controllers replace
/// them; a node silent for ten grace periods with its link up is taken for dead and fenced, freeing StatefulSet
/// identities. Each lost node's time to detect (fault → taint) and time to recover (fault → every workload back
/// at its replicas) is recorded.
/// </summary>
internal sealed class TwinControlPlane : IDisposable
{
    private static readonly TimeSpan s_heartbeat = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_podStartup = TimeSpan.FromSeconds(5);
    private const double FenceAfterGraces = 10;

    private readonly SimulationKernel _kernel;
    private readonly IReadOnlyList<WorkloadSpec> _workloads;
    private readonly ClusterScheduler _cluster;
    private readonly NodeLifecycleController _lifecycle;
    private readonly ControllerManager _controllers;
    private readonly NodeLifecycleOptions _options = new();
    private readonly Dictionary<string, NodeServer> _nodes = new(StringComparer.Ordinal);
    private readonly List<(string Node, double At, double? DetectedAt)> _losses = [];
    private readonly CancellationTokenSource _stop = new();

    public TwinControlPlane(SimulationKernel kernel, IReadOnlyList<WorkloadSpec> workloads, Scheduling.TwinNodeEnvironment environment)
    {
        _kernel = kernel;
        _workloads = workloads;
        _cluster = new ClusterScheduler(environment: environment);
        _lifecycle = new NodeLifecycleController(_cluster.Store, kernel.TimeProvider, _options, LinkUp);
        _controllers = new ControllerManager(_cluster.Store, kernel.TimeProvider, _lifecycle);
    }

    /// <summary>Seconds from each node loss to its unreachable taint.</summary>
    public List<double> DetectSeconds { get; } = [];

    /// <summary>Seconds from each node loss until every workload was back at its replicas.</summary>
    public List<double> RecoverSeconds { get; } = [];

    /// <summary>Pods the node lifecycle evicted.</summary>
    public long Evictions => _lifecycle.Evictions;

    /// <summary>Times a StatefulSet identity was seen on two live pods at once (must stay 0).</summary>
    public long IdentityConflicts { get; private set; }

    /// <summary>Whether every workload has its replicas bound and ready, on live nodes, now.</summary>
    public bool AtDesired => _workloads.All(w => Healthy(w) >= w.Replicas);

    /// <summary>Creates the workloads and starts the loops.</summary>
    public void Start()
    {
        var store = _cluster.Store;
        foreach (var ns in _workloads.Select(w => w.Namespace).Distinct(StringComparer.Ordinal))
        {
            _cluster.Add(new V1Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new V1ObjectMeta { Name = ns } });
        }

        _kernel.Spawn(() => _controllers.RunAsync(_stop.Token));
        _kernel.Spawn(() => Informer(store.Watch<V1Pod>(cancellationToken: _stop.Token)));
        _kernel.Spawn(() => NodeInformer(store.Watch<V1Node>(cancellationToken: _stop.Token)));
        _kernel.Spawn(SchedulingLoop);
        foreach (var workload in _workloads)
        {
            Create(workload);
        }
    }

    /// <summary>Adds a node that came online; it starts sending heartbeats.</summary>
    public void AddNode(NodeServer server)
    {
        var node = KubernetesJson.Deserialize<V1Node>(KubernetesJson.Serialize(server.Profile.Node.Node));
        node.Metadata.Labels ??= new Dictionary<string, string>();
        node.Metadata.Labels["selene.io/location"] = server.Site.Spec.Location.ToString().ToLowerInvariant();
        node.Metadata.Labels["kubernetes.io/hostname"] = node.Metadata.Name;
        node.Metadata.ResourceVersion = null;
        _nodes[node.Metadata.Name] = server;
        _cluster.SetNode(node);
        _lifecycle.Heartbeat(node.Metadata.Name);
        Heartbeats(server);
    }

    /// <summary>A node was lost to a fault now.</summary>
    public void NodeLost(NodeServer server) => _losses.Add((server.Profile.Node.Name, _kernel.Now, null));

    /// <summary>Stops the loops at the end of the run.</summary>
    public void Stop() => _stop.Cancel();

    /// <inheritdoc />
    public void Dispose() => _stop.Dispose();

    private static string? Label(V1Pod pod, string key) =>
        pod.Metadata.Labels is { } labels && labels.TryGetValue(key, out var value) ? value : null;

    private void Heartbeats(NodeServer server)
    {
        var name = server.Profile.Node.Name;
        _kernel.Schedule(s_heartbeat.TotalSeconds, () =>
        {
            if (server.Destroyed || _stop.IsCancellationRequested)
            {
                return;
            }

            if (server.Site.Link is { } link)
            {
                var now = _kernel.Now;
                if (link.Schedule.NextUp(now) <= now)
                {
                    _kernel.Schedule(link.Schedule.DelayAt(now), () => _lifecycle.Heartbeat(name));
                }
            }
            else
            {
                _lifecycle.Heartbeat(name);
            }

            Heartbeats(server);
        });
    }

    private bool? LinkUp(string node)
    {
        if (!_nodes.TryGetValue(node, out var server) || server.Site.Link is not { } link)
        {
            return _nodes.ContainsKey(node) ? true : null;
        }

        return link.Schedule.NextUp(_kernel.Now) <= _kernel.Now;
    }

    private void Create(WorkloadSpec workload)
    {
        var labels = new Dictionary<string, string> { ["app"] = workload.Name };
        var template = new V1PodTemplateSpec
        {
            Metadata = new V1ObjectMeta { Labels = labels },
            Spec = new V1PodSpec
            {
                Tolerations = workload.Tolerations.ToList(),
                Containers = [new V1Container { Name = "serve", Resources = new V1ResourceRequirements { Requests = workload.Gpus > 0 ? new Dictionary<string, ResourceQuantity> { ["nvidia.com/gpu"] = new(workload.Gpus.ToString(CultureInfo.InvariantCulture)) } : null } }],
            },
        };
        var selector = new V1LabelSelector { MatchLabels = labels };
        var meta = new V1ObjectMeta { Name = workload.Name, NamespaceProperty = workload.Namespace };
        if (workload.Kind == WorkloadKind.Deployment)
        {
            _cluster.Store.Create(new V1Deployment { ApiVersion = "apps/v1", Kind = "Deployment", Metadata = meta, Spec = new V1DeploymentSpec { Replicas = workload.Replicas, Selector = selector, Template = template } });
        }
        else
        {
            _cluster.Store.Create(new V1StatefulSet { ApiVersion = "apps/v1", Kind = "StatefulSet", Metadata = meta, Spec = new V1StatefulSetSpec { Replicas = workload.Replicas, ServiceName = workload.Name, PodManagementPolicy = "Parallel", Selector = selector, Template = template } });
        }
    }

    // The scheduler's informer and a kubelet stand-in: new pods are queued; bound pods become ready a few
    // seconds later if their node is alive; deleted pods free their resources.
    private async Task Informer(System.Threading.Channels.ChannelReader<Selene.Cluster.Store.WatchEvent<V1Pod>> events)
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
                        break;
                    case WatchEventType.Modified when pod.Spec.NodeName is { Length: > 0 } node && pod.Status?.Phase is null && pod.Metadata.DeletionTimestamp is null:
                        _kernel.Schedule(s_podStartup.TotalSeconds, () => MarkReady(pod.Metadata.NamespaceProperty, pod.Metadata.Name, node));
                        break;
                    case WatchEventType.Deleted:
                        _cluster.Forget(key);
                        break;
                }
            }

            CheckIdentities();
            CheckRecovery();
        }
    }

    private async Task NodeInformer(System.Threading.Channels.ChannelReader<Selene.Cluster.Store.WatchEvent<V1Node>> events)
    {
        while (await events.WaitToReadAsync())
        {
            while (events.TryRead(out var change))
            {
                if (change.Type == WatchEventType.Modified)
                {
                    _cluster.Observe(change.Item);
                    if (change.Item.Spec?.Taints?.Any(t => t.Key == NodeLifecycleController.Unreachable) == true)
                    {
                        Detected(change.Item.Metadata.Name);
                    }
                }
            }
        }
    }

    private async Task SchedulingLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            _cluster.AdvanceTo(TimeSpan.FromSeconds(_kernel.Now));
            _cluster.RunUntilSettled(maxCycles: 10_000);
            FenceTheDead();
            try
            {
                await _kernel.Delay(1);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void MarkReady(string ns, string name, string node)
    {
        if (_cluster.Store.Get<V1Pod>(ns, name) is not { } pod || pod.Spec.NodeName != node || pod.Metadata.DeletionTimestamp is not null
            || !_nodes.TryGetValue(node, out var server) || server.Destroyed)
        {
            return;
        }

        pod.Status = new V1PodStatus { Phase = "Running", Conditions = [new V1PodCondition { Type = "Ready", Status = "True" }] };
        _cluster.Store.Update(pod);
    }

    // A node silent for ten grace periods while its link is up is taken for dead: fenced, its pods gone for good.
    private void FenceTheDead()
    {
        foreach (var (node, at, _) in _losses.ToList())
        {
            var grace = _options.GracePeriods.GetValueOrDefault(_nodes[node].Site.Spec.Location.ToString().ToLowerInvariant(), _options.DefaultGracePeriod);
            if (_kernel.Now - at >= FenceAfterGraces * grace.TotalSeconds && LinkUp(node) == true && _cluster.Store.Get<V1Node>(null, node) is not null)
            {
                _lifecycle.ForgetNode(node);
                _cluster.Snapshot.RemoveNode(node);
            }
        }
    }

    private void Detected(string node)
    {
        for (var i = 0; i < _losses.Count; i++)
        {
            if (_losses[i].Node == node && _losses[i].DetectedAt is null)
            {
                _losses[i] = _losses[i] with { DetectedAt = _kernel.Now };
                DetectSeconds.Add(_kernel.Now - _losses[i].At);
            }
        }
    }

    private void CheckRecovery()
    {
        if (_losses.Count == 0 || !AtDesired)
        {
            return;
        }

        foreach (var loss in _losses.Where(l => l.DetectedAt is not null).ToList())
        {
            RecoverSeconds.Add(_kernel.Now - loss.At);
            _losses.Remove(loss);
        }
    }

    private void CheckIdentities()
    {
        foreach (var workload in _workloads.Where(w => w.Kind == WorkloadKind.StatefulSet))
        {
            var live = _cluster.Store.List<V1Pod>(workload.Namespace)
                .Where(p => Label(p, "app") == workload.Name && p.Spec.NodeName is { Length: > 0 } n && _nodes.TryGetValue(n, out var s) && !s.Destroyed)
                .GroupBy(p => Label(p, "statefulset.kubernetes.io/pod-name"));
            IdentityConflicts += live.Count(g => g.Count() > 1);
        }
    }

    private int Healthy(WorkloadSpec workload) =>
        _cluster.Store.List<V1Pod>(workload.Namespace).Count(p => Label(p, "app") == workload.Name
            && PodStates.IsActive(p) && PodStates.IsReady(p) && _nodes.TryGetValue(p.Spec.NodeName ?? "", out var server) && !server.Destroyed);
}
