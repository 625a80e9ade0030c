using System.Threading.Channels;
using k8s.Models;
using Selene.Cluster.Store;

namespace Selene.Cluster.Controllers;

/// <summary>
/// Runs the controllers as reconcile loops on the store's watch streams: a change to a Deployment, ReplicaSet,
/// StatefulSet or pod queues a reconcile of the object or of the pod's controller; the node lifecycle controller
/// runs every 5 s. Time comes from a <see cref="TimeProvider"/>, so the same loop runs under the simulated clock
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
            while (events.TryRead(out var change))
            {
                if (key(change.Item) is ({ } kind, var ns, { } name))
                {
                    _work.Writer.TryWrite((kind, ns ?? "default", name));
                }
            }
        }
    }

    private async Task MonitorNodes(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(MonitorPeriod, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                lifecycle!.Monitor();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
