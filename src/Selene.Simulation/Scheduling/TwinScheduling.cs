using System.Globalization;
using k8s;
using k8s.Models;
using Selene.Cluster.Scheduling;
using Selene.Cluster.Scheduling.Framework;
using Selene.Cluster.Scheduling.Profiles;
using Selene.Cluster.Scheduling.Space;
using Selene.Simulation.Kernel;
using Selene.Simulation.Model;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.Scheduling;

/// <summary>
/// Every request of the twin is a pod of its tenant — one GPU, the tenant's tolerations, priority and latency
/// budget — placed by the scheduler with the Kubernetes and space plugins plus the twin's own two: a filter for
/// GPU types the tenant has a service-time model for, and a load score (expected completion, weight 10) that
/// makes queues and light time count most. Filter verdicts and the other plugins' scores depend only on the
/// nodes and their conditions (requests do not bind resources in the twin; the queues model the GPUs), so they
/// are worked out again whenever those may have changed — a node arrives, or a simulated minute passes — and
/// each request adds its own load score to them: the same totals as scoring every plugin per request.
/// </summary>
internal sealed class TwinScheduling
{
    /// <summary>Weight of the load score against the other plugins' (TaintToleration 3, NodeAffinity 2, …).</summary>
    public const long LoadWeight = 10;

    private readonly ClusterSnapshot _snapshot = new();
    private readonly TwinNodeEnvironment _environment;
    private readonly Scheduler _scheduler;
    private readonly Dictionary<string, string> _gpuTypes = new(StringComparer.Ordinal);
    private long[] _totals = new long[16];

    public TwinScheduling(SimulationKernel kernel)
    {
        _environment = new TwinNodeEnvironment(kernel);
        var context = new PluginContext(_snapshot.Resources, _environment);
        var plugins = PluginRegistry.All.Select(e => ((IPlugin)e.Create(context, PluginArguments.None), e.Weight)).ToList();
        plugins.Add((new ServiceTimeModel(_gpuTypes), 0));
        _scheduler = new Scheduler(_snapshot, new SchedulerProfile("selene-twin", plugins));
    }

    private long _changes;
    private readonly SortedDictionary<string, int> _reasons = new(StringComparer.Ordinal);

    /// <summary>Node conditions as the twin sees them.</summary>
    public TwinNodeEnvironment Environment => _environment;

    /// <summary>Changes whenever filter verdicts may have changed.</summary>
    public long Version => (_environment.Version << 24) + _changes;

    /// <summary>Adds a node the twin runs.</summary>
    public void AddNode(NodeServer server)
    {
        var name = server.Profile.Node.Name;
        _gpuTypes[name] = server.Profile.GpuType;
        _environment.Place(name, server.Site, server.Installed);
        _snapshot.SetNode(server.Profile.Node.Node).Host = server;
        _changes++;
    }

    /// <summary>Puts <paramref name="extra"/> beside the taints a node was built with (a cosmic event's), replacing any put before.</summary>
    public void SetExtraTaints(NodeServer server, IReadOnlyList<V1Taint> extra)
    {
        var node = KubernetesJson.Deserialize<V1Node>(KubernetesJson.Serialize(server.Profile.Node.Node));
        node.Spec ??= new V1NodeSpec();
        node.Spec.Taints = (node.Spec.Taints ?? []).Concat(extra).ToList();
        if (_snapshot.Node(node.Metadata.Name) is not null)
        {
            _snapshot.SetNode(node);
            _changes++;
        }
    }

    /// <summary>Removes a lost node.</summary>
    public void RemoveNode(NodeServer server)
    {
        var name = server.Profile.Node.Name;
        if (_snapshot.RemoveNode(name))
        {
            _changes++;
        }
    }

    /// <summary>The pod every request of a tenant is.</summary>
    public PodInfo PodFor(TenantSpec spec, long order)
    {
        var pod = new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                Name = spec.Name + "-request",
                NamespaceProperty = spec.Name,
                Labels = new Dictionary<string, string> { ["selene.io/tenant"] = spec.Name, ["selene.io/class"] = spec.Class.ToString().ToLowerInvariant() },
                Annotations = new Dictionary<string, string>
                {
                    [SpaceAnnotations.LatencyBudgetMs] = (spec.BudgetSeconds * 1000).ToString("R", CultureInfo.InvariantCulture),
                    [ServiceTimeModel.GpuTypesAnnotation] = string.Join(",", spec.ServiceTimes.Keys),
                },
            },
            Spec = new V1PodSpec
            {
                Priority = spec.Priority,
                Tolerations = spec.Tolerations.ToList(),
                Containers = [new V1Container { Name = "inference", Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["nvidia.com/gpu"] = new((spec.Serving?.TensorParallel ?? 1).ToString(CultureInfo.InvariantCulture)) } } }],
            },
        };
        return new PodInfo(pod, _snapshot.Resources, spec.Priority, order);
    }

    /// <summary>Runs the filters for a tenant's pod on every node: its feasible nodes, and why each site rejected it.</summary>
    public void Filter(TenantState tenant)
    {
        tenant.FlushRejections();
        tenant.Feasible.Clear();
        tenant.FeasibleNodes.Clear();
        tenant.FeasibleService.Clear();
        tenant.Rejections.Clear();
        var unreachable = false;
        var reasons = _reasons;
        reasons.Clear();
        foreach (var (node, status) in _scheduler.FilterNodes(tenant.Pod, _snapshot.Nodes))
        {
            var server = (NodeServer)node.Host!;
            if (status.IsSuccess)
            {
                tenant.Feasible.Add(server);
                tenant.FeasibleNodes.Add(node);
                var spec = tenant.Spec;
                tenant.FeasibleService.Add(!server.Site.IsRemote && spec.LocalServiceTimes is { } local ? local[server.Profile.GpuType] : spec.ServiceTimes[server.Profile.GpuType]);
                continue;
            }

            var reason = status.Reason ?? status.Code.ToString();
            reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
            // The counts by site keep the reason without its figures of the minute (the wait until the next contact,
            // the power left).
            var linkDown = reason.StartsWith(LinkAvailability.Unreachable, StringComparison.Ordinal);
            // A node out of reach, or quarantined for a while after a cosmic event, will take pods again: they wait.
            unreachable |= linkDown || reason.Contains(Faults.CosmicEvent.TaintKey, StringComparison.Ordinal);
            var counted = (server.Site.Index, linkDown ? LinkAvailability.Unreachable
                : reason.StartsWith(PowerHeadroom.LacksHeadroom, StringComparison.Ordinal) ? PowerHeadroom.LacksHeadroom : reason);
            if (!tenant.Rejections.Contains(counted))
            {
                tenant.Rejections.Add(counted);
            }
        }

        tenant.WaitsForLink = tenant.Feasible.Count == 0 && unreachable;
        if (tenant.RejectionCounts.Length != tenant.Rejections.Count)
        {
            tenant.RejectionCounts = new long[tenant.Rejections.Count];
        }

        if (tenant.StaticScores.Length != tenant.FeasibleNodes.Count)
        {
            tenant.StaticScores = new long[tenant.FeasibleNodes.Count];
        }

        _scheduler.ScoreInto(tenant.Pod, tenant.FeasibleNodes, tenant.StaticScores);
        tenant.NoNodeReason = tenant.Feasible.Count > 0 ? "" : _snapshot.Nodes.Count == 0
            ? "no node online"
            : "no feasible node: " + string.Join("; ", reasons.Select(r =>
                string.Create(CultureInfo.InvariantCulture, $"{r.Key} ({r.Value} node{(r.Value == 1 ? "" : "s")})")));
    }

    /// <summary>Scores the tenant's feasible nodes for one request: the position in <see cref="TenantState.Feasible"/> of the best, the first among equals.</summary>
    public int Choose(TenantState tenant)
    {
        var count = tenant.Feasible.Count;
        if (_totals.Length < count)
        {
            _totals = new long[count * 2];
        }

        var totals = _totals.AsSpan(0, count);
        for (var i = 0; i < count; i++)
        {
            totals[i] = ExpectedCompletion.Raw(ExpectedSeconds(tenant, tenant.Feasible[i], tenant.FeasibleService[i].Mean));
        }

        ExpectedCompletion.Normalize(totals);
        for (var i = 0; i < count; i++)
        {
            totals[i] = (totals[i] * LoadWeight) + tenant.StaticScores[i];
        }

        var best = 0;
        for (var i = 1; i < count; i++)
        {
            if (totals[i] > totals[best])
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>Expected seconds from now until a request's reply would reach its user via <paramref name="node"/>.</summary>
    private static double ExpectedSeconds(TenantState tenant, NodeServer node, double meanServiceSeconds)
    {
        var spec = tenant.Spec;
        var seconds = node.ExpectedWaitSeconds(tenant.PriorityLevel) + meanServiceSeconds;
        if (node.Site.Link is { } link)
        {
            seconds += spec.PrefixSeconds + link.Uplink.ExpectedDelaySeconds(spec.RequestBytes) + link.Downlink.ExpectedDelaySeconds(spec.ReplyBytes);
        }

        return seconds;
    }
}
