using System.Globalization;
using Selene.Cluster.Scheduling.Framework;
using Selene.Cluster.Scheduling.Plugins;

namespace Selene.Cluster.Scheduling.Space;

/// <summary>
/// Whether the node's power system sustains the pod's draw: Filter rejects a node where the pods already there
/// plus this one would draw more than the node's power budget (preemption may free power), Score prefers the
/// node with the largest share of its budget left. The budget comes from the node's environment — a declared
/// figure, or the power model's sustainable draw that keeps storage above its reserve.
/// </summary>
public sealed class PowerHeadroom(INodeEnvironment environment, int gpuResource) : IPreFilterPlugin, IFilterPlugin, IPreScorePlugin, IScorePlugin
{
    /// <summary>The start of the reason a node without the power for a pod is rejected with.</summary>
    public const string LacksHeadroom = "node(s) lack power headroom";

    /// <inheritdoc />
    public string Name => nameof(PowerHeadroom);

    /// <inheritdoc />
    public Status PreFilter(CycleState state, PodInfo pod, ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return pod.Request(gpuResource) > 0 || SpaceAnnotations.Number(pod, SpaceAnnotations.PowerWatts) is > 0 ? Status.Success : Status.Skip;
    }

    /// <inheritdoc />
    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var conditions = environment.ConditionsOf(node);
        if (conditions.PowerBudgetWatts is not { } budget)
        {
            return Status.Success;
        }

        var draw = SpaceAnnotations.Watts(pod, gpuResource, conditions);
        var used = Used(node, conditions);
        return draw <= 0 || used + draw <= budget
            ? Status.Success
            : Status.Unschedulable(string.Create(CultureInfo.InvariantCulture,
                $"{LacksHeadroom}: the pod draws {draw:0} W with {Math.Max(0, budget - used):0} W of {budget:0} W left"));
    }

    /// <inheritdoc />
    public Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> feasible, ClusterSnapshot snapshot) =>
        SpaceSummary.Of(state, environment, feasible).PowerBudget && feasible.Any(n => SpaceAnnotations.Watts(pod, gpuResource, environment.ConditionsOf(n)) > 0) ? Status.Success : Status.Skip;

    /// <inheritdoc />
    public long Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        var conditions = environment.ConditionsOf(node);
        if (conditions.PowerBudgetWatts is not { } budget || budget <= 0)
        {
            return 0;
        }

        var left = budget - Used(node, conditions) - SpaceAnnotations.Watts(pod, gpuResource, conditions);
        return (long)Math.Clamp(ScoreNormalizer.MaxNodeScore * left / budget, 0, ScoreNormalizer.MaxNodeScore);
    }

    private double Used(NodeInfo node, NodeConditions conditions)
    {
        var used = 0.0;
        foreach (var other in node.Pods)
        {
            used += SpaceAnnotations.Watts(other, gpuResource, conditions);
        }

        return used;
    }
}
