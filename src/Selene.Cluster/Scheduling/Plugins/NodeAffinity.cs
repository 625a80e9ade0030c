using Selene.Cluster.Scheduling.Framework;

namespace Selene.Cluster.Scheduling.Plugins;

/// <summary>
/// <c>nodeSelector</c> and node affinity (kube-scheduler's <c>NodeAffinity</c>): Filter requires the selector and
/// one of the required terms; Score sums the weights of the preferred terms the node matches, normalised so the
/// best node gets 100.
/// </summary>
public sealed class NodeAffinity : IPreFilterPlugin, IFilterPlugin, IPreScorePlugin, IScorePlugin
{
    /// <summary>kube-scheduler's reason.</summary>
    public const string Reason = "node(s) didn't match Pod's node affinity/selector";

    /// <inheritdoc />
    public string Name => nameof(NodeAffinity);

    /// <inheritdoc />
    public Status PreFilter(CycleState state, PodInfo pod, ClusterSnapshot snapshot) =>
        pod?.NodeSelector is { Count: > 0 } || pod?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution is not null ? Status.Success : Status.Skip;

    /// <inheritdoc />
    public Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> feasible, ClusterSnapshot snapshot) =>
        pod?.NodeAffinity?.PreferredDuringSchedulingIgnoredDuringExecution is { Count: > 0 } ? Status.Success : Status.Skip;

    /// <inheritdoc />
    public Status Filter(CycleState state, PodInfo pod, NodeInfo node) =>
        Selectors.MatchesRequiredNodeAffinity(pod, node) ? Status.Success : Status.Unresolvable(Reason);

    /// <inheritdoc />
    public long Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(pod);
        long score = 0;
        foreach (var term in pod.NodeAffinity?.PreferredDuringSchedulingIgnoredDuringExecution ?? [])
        {
            if (term.Weight != 0 && Selectors.Matches(term.Preference, node))
            {
                score += term.Weight;
            }
        }

        return score;
    }

    /// <inheritdoc />
    public void NormalizeScore(CycleState state, PodInfo pod, Span<long> scores) =>
        ScoreNormalizer.Default(scores, ScoreNormalizer.MaxNodeScore, reverse: false);
}
