using Selene.Cluster.Resources;
using Selene.Cluster.Scheduling.Framework;

namespace Selene.Cluster.Scheduling.Plugins;

/// <summary>
/// kube-scheduler's <c>NodeResourcesBalancedAllocation</c>: prefers the node whose resource fractions would be
/// most alike with the pod on it — score (1 − standard deviation of the fractions) × 100 — over requested (not
/// defaulted) amounts; a pod that requests none of the resources is skipped.
/// </summary>
public sealed class NodeResourcesBalancedAllocation : IPreScorePlugin, IScorePlugin
{
    private readonly ResourceAllocationScorer _scorer;

    /// <summary>Creates the plugin over <paramref name="resources"/> (default cpu and memory).</summary>
    public NodeResourcesBalancedAllocation(ResourceNames names, IReadOnlyList<ResourceWeight>? resources = null)
    {
        _scorer = new ResourceAllocationScorer(resources ?? ScoringStrategy.Default.Resources, names, useRequested: true);
    }

    /// <inheritdoc />
    public string Name => nameof(NodeResourcesBalancedAllocation);

    /// <inheritdoc />
    public Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> feasible, ClusterSnapshot snapshot) =>
        _scorer.RequestsNothing(pod) ? Status.Skip : Status.Success;

    /// <inheritdoc />
    public long Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        Span<long> requested = stackalloc long[_scorer.Count];
        Span<long> allocatable = stackalloc long[_scorer.Count];
        _scorer.Fill(pod, node, requested, allocatable);
        Span<double> fractions = stackalloc double[_scorer.Count];
        var count = 0;
        var total = 0.0;
        for (var i = 0; i < requested.Length; i++)
        {
            if (allocatable[i] == 0)
            {
                continue;
            }

            var fraction = Math.Min(1.0, (double)requested[i] / allocatable[i]);
            fractions[count++] = fraction;
            total += fraction;
        }

        var deviation = 0.0;
        if (count == 2)
        {
            deviation = Math.Abs((fractions[0] - fractions[1]) / 2);
        }
        else if (count > 2)
        {
            var mean = total / count;
            var sum = 0.0;
            for (var i = 0; i < count; i++)
            {
                sum += (fractions[i] - mean) * (fractions[i] - mean);
            }

            deviation = Math.Sqrt(sum / count);
        }

        return (long)((1 - deviation) * ScoreNormalizer.MaxNodeScore);
    }
}
