using System.Text;
using Selene.Cluster.Resources;
using Selene.Cluster.Scheduling.Framework;

namespace Selene.Cluster.Scheduling.Plugins;

/// <summary>
/// Resource fit (kube-scheduler's <c>NodeResourcesFit</c>): Filter rejects a node where any requested resource
/// exceeds what is allocatable less what is already requested ("Insufficient cpu"), or that already runs its
/// maximum number of pods ("Too many pods"); Score ranks by the configured strategy — LeastAllocated,
/// MostAllocated or RequestedToCapacityRatio — over weighted resources.
/// </summary>
public sealed class NodeResourcesFit : IFilterPlugin, IScorePlugin
{
    private readonly ResourceNames _names;
    private readonly ResourceAllocationScorer _scorer;
    private readonly ScoringStrategy _strategy;
    private readonly ShapePoint[] _shape;

    /// <summary>Creates the plugin for a snapshot's resource table.</summary>
    public NodeResourcesFit(ResourceNames names, ScoringStrategy? strategy = null)
    {
        ArgumentNullException.ThrowIfNull(names);
        _names = names;
        _strategy = strategy ?? ScoringStrategy.Default;
        _scorer = new ResourceAllocationScorer(_strategy.Resources, names, useRequested: false);
        // MaxCustomPriorityScore is 10; scores scale to MaxNodeScore.
        _shape = _strategy.Shape.Select(p => p with { Score = p.Score * (ScoreNormalizer.MaxNodeScore / 10) }).ToArray();
    }

    /// <inheritdoc />
    public string Name => nameof(NodeResourcesFit);

    /// <inheritdoc />
    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        string? first = null;
        StringBuilder? more = null;
        if (node.Requested(ResourceNames.Pods) + 1000 > node.Allocatable(ResourceNames.Pods))
        {
            first = "Too many pods";
        }

        foreach (var (resource, amount) in pod.Requests)
        {
            if (amount > node.Allocatable(resource) - node.Requested(resource))
            {
                var reason = Insufficient(resource);
                if (first is null)
                {
                    first = reason;
                }
                else
                {
                    (more ??= new StringBuilder(first)).Append(", ").Append(reason);
                }
            }
        }

        return first is null ? Status.Success : Status.Unschedulable(more?.ToString() ?? first);
    }

    /// <inheritdoc />
    public long Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(pod);
        Span<long> requested = stackalloc long[_scorer.Count];
        Span<long> allocatable = stackalloc long[_scorer.Count];
        _scorer.Fill(pod, node, requested, allocatable);
        long nodeScore = 0, weightSum = 0;
        for (var i = 0; i < requested.Length; i++)
        {
            if (allocatable[i] == 0)
            {
                continue;
            }

            var weight = _scorer.Weights[i];
            var score = _strategy.Type switch
            {
                ScoringStrategyType.LeastAllocated => requested[i] > allocatable[i] ? 0 : (allocatable[i] - requested[i]) * ScoreNormalizer.MaxNodeScore / allocatable[i],
                ScoringStrategyType.MostAllocated => Math.Min(requested[i], allocatable[i]) * ScoreNormalizer.MaxNodeScore / allocatable[i],
                _ => BrokenLine(requested[i] > allocatable[i] ? 100 : requested[i] * 100 / allocatable[i]),
            };
            if (_strategy.Type == ScoringStrategyType.RequestedToCapacityRatio && score <= 0)
            {
                continue;
            }

            nodeScore += score * weight;
            weightSum += weight;
        }

        if (weightSum == 0)
        {
            return 0;
        }

        return _strategy.Type == ScoringStrategyType.RequestedToCapacityRatio
            ? (long)Math.Round((double)nodeScore / weightSum, MidpointRounding.AwayFromZero)
            : nodeScore / weightSum;
    }

    // Filters may run on several threads at once.
    private string Insufficient(int resource) => _insufficient.GetOrAdd(resource, static (r, names) => "Insufficient " + names.NameOf(r), _names);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> _insufficient = new();

    // helper.BuildBrokenLinearFunction.
    private long BrokenLine(long utilization)
    {
        for (var i = 0; i < _shape.Length; i++)
        {
            if (utilization <= _shape[i].Utilization)
            {
                return i == 0
                    ? _shape[0].Score
                    : _shape[i - 1].Score + ((_shape[i].Score - _shape[i - 1].Score) * (utilization - _shape[i - 1].Utilization) / (_shape[i].Utilization - _shape[i - 1].Utilization));
            }
        }

        return _shape[^1].Score;
    }
}
