using k8s.Models;
using Selene.Cluster.Scheduling.Framework;
using Selene.Cluster.Scheduling.Profiles;
using Selene.Cluster.Store;

namespace Selene.Cluster.Scheduling.Extender;

/// <summary>
/// Selene as a kube-scheduler extender: kube-scheduler runs its own plugins and asks Selene to filter and
/// prioritise with the space plugins (latency budget, link, power, radiation, energy cost). Nodes come with the
/// request, or — node-cache capable — from Selene's own cluster, which each request's nodes also refresh.
/// A filter reply only ever names nodes that were offered; scores are 0–10 (<c>MaxExtenderPriority</c>).
/// </summary>
public sealed class ExtenderService
{
    /// <summary>The highest score an extender may give (<c>extenderv1.MaxExtenderPriority</c>).</summary>
    public const long MaxExtenderPriority = 10;

    private readonly Lock _gate = new();
    private readonly ClusterScheduler _cluster;
    private readonly Scheduler _scheduler;
    private long _order;

    /// <summary>Serves extender requests against <paramref name="cluster"/> with <paramref name="profile"/> (default: the space plugins).</summary>
    public ExtenderService(ClusterScheduler cluster, SchedulerProfile? profile = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        _cluster = cluster;
        _scheduler = new Scheduler(cluster.Snapshot, profile ?? PluginRegistry.SpaceProfile(cluster.Context));
    }

    /// <summary>Runs <paramref name="use"/> on the cluster while no verb runs: how the service's own API reads and changes it.</summary>
    public T WithCluster<T>(Func<ClusterScheduler, T> use)
    {
        ArgumentNullException.ThrowIfNull(use);
        lock (_gate)
        {
            return use(_cluster);
        }
    }

    /// <summary>The filter verb.</summary>
    public ExtenderFilterResult Filter(ExtenderArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        lock (_gate)
        {
            var (nodes, unknown) = Resolve(args);
            var failed = new Dictionary<string, string>(StringComparer.Ordinal);
            var unresolvable = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var name in unknown)
            {
                unresolvable[name] = "node unknown to the Selene extender's cache";
            }

            var passed = new List<NodeInfo>();
            foreach (var (node, status) in _scheduler.FilterNodes(Pod(args.Pod), nodes))
            {
                if (status.IsSuccess)
                {
                    passed.Add(node);
                }
                else if (status.Code == StatusCode.Unschedulable)
                {
                    failed[node.Name] = status.Reason ?? "rejected";
                }
                else
                {
                    unresolvable[node.Name] = status.Reason ?? "rejected";
                }
            }

            var names = passed.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
            return args.NodeNames is not null
                ? new ExtenderFilterResult(null, args.NodeNames.Where(names.Contains).Distinct(StringComparer.Ordinal).ToList(), failed, unresolvable, "")
                : new ExtenderFilterResult(new V1NodeList { ApiVersion = "v1", Kind = "NodeList", Items = args.Nodes!.Items.Where(n => names.Contains(n.Metadata.Name)).ToList() }, null, failed, unresolvable, "");
        }
    }

    /// <summary>
    /// The prioritize verb: each offered node's score from 0 to 10, in the order offered — the weighted total of
    /// the space plugins that had something to rank by, scaled so a node best on all of them gets 10.
    /// </summary>
    public IReadOnlyList<HostPriority> Prioritize(ExtenderArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        lock (_gate)
        {
            var (nodes, unknown) = Resolve(args);
            var (totals, max) = _scheduler.ScoreNodes(Pod(args.Pod), nodes);
            var scores = totals.ToDictionary(s => s.Node.Name, s => max == 0 ? 0 : s.Total * MaxExtenderPriority / max, StringComparer.Ordinal);
            return OfferedNames(args).Select(name => new HostPriority(name, scores.GetValueOrDefault(name))).ToList();
        }
    }

    /// <summary>The bind verb: binds the pod in Selene's cluster store.</summary>
    public ExtenderBindingResult Bind(ExtenderBindingArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        lock (_gate)
        {
            try
            {
                var pod = _cluster.Store.Get<V1Pod>(args.PodNamespace, args.PodName)
                    ?? throw new StoreConflictException(404, "NotFound", $"pods \"{args.PodNamespace}/{args.PodName}\" not found");
                if (args.PodUID.Length > 0 && pod.Metadata.Uid != args.PodUID)
                {
                    return new ExtenderBindingResult($"pod {args.PodNamespace}/{args.PodName} has uid {pod.Metadata.Uid}, not {args.PodUID}");
                }

                if (_cluster.Snapshot.Node(args.Node) is null)
                {
                    return new ExtenderBindingResult($"node {args.Node} is unknown to the Selene extender");
                }

                _cluster.Store.Bind(args.PodNamespace, args.PodName, args.Node);
                return new ExtenderBindingResult("");
            }
            catch (StoreConflictException e)
            {
                return new ExtenderBindingResult(e.Message);
            }
        }
    }

    private PodInfo Pod(V1Pod pod) => new(pod, _cluster.Snapshot.Resources, pod.Spec?.Priority ?? 0, _order++);

    private static IEnumerable<string> OfferedNames(ExtenderArgs args) =>
        args.NodeNames ?? args.Nodes!.Items.Select(n => n.Metadata.Name);

    // Offered nodes as the scheduler knows them: objects sent with the request refresh the cache.
    private (List<NodeInfo> Nodes, List<string> Unknown) Resolve(ExtenderArgs args)
    {
        var nodes = new List<NodeInfo>();
        var unknown = new List<string>();
        if (args.Nodes is not null)
        {
            foreach (var node in args.Nodes.Items ?? [])
            {
                nodes.Add(_cluster.Snapshot.SetNode(node));
            }

            return (nodes, unknown);
        }

        foreach (var name in args.NodeNames!.Distinct(StringComparer.Ordinal))
        {
            if (_cluster.Snapshot.Node(name) is { } node)
            {
                nodes.Add(node);
            }
            else
            {
                unknown.Add(name);
            }
        }

        return (nodes, unknown);
    }
}
