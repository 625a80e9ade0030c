using System.Threading.Channels;
using k8s.Models;
using Selene.Cluster.Store;

namespace Selene.Cluster.Controllers;

/// <summary>
/// Runs the controllers as reconcile loops on the store's watch streams: a change to a Deployment, ReplicaSet,
/// StatefulSet or pod queues a reconcile of the object or of the pod's controller; the node lifecycle controller
/// runs every 5 s, jumping over the ticks where it reports that a pass could find nothing new. Time comes from a <see cref="TimeProvider"/>, so the same loop runs under the simulated clock
/// (inside the event kernel) and the wall clock (in the service).
/// </summary>
public sealed class ControllerManager(ClusterStore store, TimeProvider time, NodeLifecycleController? lifecycle = null)
{
    /// <summary>How often the node lifecycle controller looks at the nodes (kube's node-monitor-period).</summary>
    public static readonly TimeSpan MonitorPeriod = TimeSpan.FromSeconds(5);

    private readonly DeploymentController _deployments = new(store);
    private readonly ReplicaSetController _replicaSets = new(store);
    private readonly StatefulSetController _statefulSets = new(store);
    private readonly Channel<(string Kind, string Namespace, string Name)> _work = Channel.CreateUnbounded<(string, string, string)>();
    private MonitorTicks? _monitor;

    /// <summary>Reconciles run so far.</summary>
    public long Reconciles { get; private set; }

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var watches = new List<Task>
        {
            Forward(store.Watch<V1Deployment>(cancellationToken: cancellationToken), d => ("Deployment", d.Metadata.NamespaceProperty, d.Metadata.Name)),
            Forward(store.Watch<V1ReplicaSet>(cancellationToken: cancellationToken), r => ("ReplicaSet", r.Metadata.NamespaceProperty, r.Metadata.Name)),
            Forward(store.Watch<V1StatefulSet>(cancellationToken: cancellationToken), s => ("StatefulSet", s.Metadata.NamespaceProperty, s.Metadata.Name)),
            Forward(store.Watch<V1Pod>(cancellationToken: cancellationToken), p => p.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true) is { } owner
                ? (owner.Kind, p.Metadata.NamespaceProperty, owner.Name)
                : null),
        };
        if (lifecycle is not null)
        {
            watches.Add(MonitorNodes(cancellationToken));
            watches.Add(Forward(store.Watch<V1Node>(cancellationToken: cancellationToken), _ => null));
        }

        // WaitToReadAsync awaited here (not ReadAllAsync, whose continuations leave the caller's context), so under
        // the simulated clock every step comes back to the kernel's thread as an event.
        try
        {
            while (await _work.Reader.WaitToReadAsync(cancellationToken))
            {
                while (_work.Reader.TryRead(out var item))
                {
                    Reconcile(item.Kind, item.Namespace, item.Name);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(watches.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default)));
    }

    /// <summary>Reconciles one object now.</summary>
    public void Reconcile(string kind, string ns, string name)
    {
        Reconciles++;
        switch (kind)
        {
            case "Deployment":
                _deployments.Reconcile(ns, name);
                break;
            case "ReplicaSet":
                _replicaSets.Reconcile(ns, name);
                break;
            case "StatefulSet":
                _statefulSets.Reconcile(ns, name);
                break;
        }
    }

    private async Task Forward<T>(ChannelReader<WatchEvent<T>> events, Func<T, (string, string?, string)?> key)
    {
        while (await events.WaitToReadAsync())
        {
            _monitor?.Disturb();
            while (events.TryRead(out var change))
            {
                if (key(change.Item) is ({ } kind, var ns, { } name))
                {
                    _work.Writer.TryWrite((kind, ns ?? "default", name));
                }
            }
        }
    }

    // A tick every period, except that while the lifecycle reports the cluster quiet the timer jumps to the first
    // tick past the quiet time; a change in the store or a disturbing heartbeat brings it back to the next tick.
    private async Task MonitorNodes(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(MonitorPeriod, time);
        _monitor = new MonitorTicks(timer, time, time.GetUtcNow());
        lifecycle!.Disturbed = _monitor.Disturb;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                lifecycle.Monitor();
                _monitor.Ticked(lifecycle.QuietUntil);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private sealed class MonitorTicks(PeriodicTimer timer, TimeProvider time, DateTimeOffset start)
    {
        private readonly Lock _gate = new();
        private TimeSpan _period = MonitorPeriod;

        /// <summary>After a pass at a tick: the next tick, or the first past the quiet time.</summary>
        public void Ticked(DateTimeOffset? quietUntil)
        {
            using var scope = _gate.EnterScope();
            var now = time.GetUtcNow();
            var next = Tick(Math.Round((now - start) / MonitorPeriod) + 1);
            var wake = quietUntil is { } until && until >= next ? Tick(Math.Floor((until - start) / MonitorPeriod) + 1) : next;
            Set(wake - now);
        }

        /// <summary>Between ticks: back to the next tick if the timer was jumping past it.</summary>
        public void Disturb()
        {
            using var scope = _gate.EnterScope();
            if (_period != MonitorPeriod)
            {
                var now = time.GetUtcNow();
                Set(Tick(Math.Floor((now - start) / MonitorPeriod) + 1) - now);
            }
        }

        private DateTimeOffset Tick(double index) => start + (MonitorPeriod * index);

        private void Set(TimeSpan period)
        {
            if (period != _period)
            {
                timer.Period = period;
                _period = period;
            }
        }
    }
}
