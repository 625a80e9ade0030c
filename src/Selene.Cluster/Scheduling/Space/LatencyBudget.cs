using System.Globalization;
using Selene.Cluster.Scheduling.Framework;
using Selene.Cluster.Scheduling.Plugins;

namespace Selene.Cluster.Scheduling.Space;

/// <summary>
/// A pod's round-trip latency budget (<c>selene.io/latency-budget-ms</c>) against the node's light time to its
/// users: Filter rejects a node whose round trip alone (twice the one-way light time) reaches the budget — no
/// queue or compute could make it — and Score gives 100 × the share of the budget the round trip leaves, so a
/// 1.3 s link costs a 2.6 s-budget pod almost everything and a 1 h-budget pod almost nothing.
/// </summary>
public sealed class LatencyBudget(INodeEnvironment environment) : IPreFilterPlugin, IFilterPlugin, IPreScorePlugin, IScorePlugin
{
    /// <inheritdoc />
    public string Name => nameof(LatencyBudget);

    /// <inheritdoc />
    public Status PreFilter(CycleState state, PodInfo pod, ClusterSnapshot snapshot) =>
        SpaceAnnotations.Number(pod, SpaceAnnotations.LatencyBudgetMs) is null ? Status.Skip : Status.Success;

    /// <inheritdoc />
    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        if (SpaceAnnotations.Number(pod, SpaceAnnotations.LatencyBudgetMs) is not { } budgetMs
            || environment.ConditionsOf(node).OneWayLightSeconds is not { } oneWay)
        {
            return Status.Success;
        }

        var roundTrip = 2 * oneWay;
        return roundTrip * 1000 < budgetMs
            ? Status.Success
            : Status.Unresolvable(string.Create(CultureInfo.InvariantCulture,
                $"node(s) are {roundTrip:0.###} s round-trip light time from their users, beyond the pod's {budgetMs / 1000:0.###} s latency budget"));
    }

    /// <inheritdoc />
    public Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> feasible, ClusterSnapshot snapshot) =>
        SpaceAnnotations.Number(pod, SpaceAnnotations.LatencyBudgetMs) is > 0 && SpaceSummary.Of(state, environment, feasible).LightTime
            ? Status.Success
            : Status.Skip;

    /// <inheritdoc />
    public long Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        var budgetMs = SpaceAnnotations.Number(pod, SpaceAnnotations.LatencyBudgetMs) ?? 0;
        var roundTripMs = 2000 * (environment.ConditionsOf(node).OneWayLightSeconds ?? 0);
        return (long)Math.Clamp(Math.Floor(ScoreNormalizer.MaxNodeScore * (1 - (roundTripMs / budgetMs))), 0, ScoreNormalizer.MaxNodeScore);
    }
}
