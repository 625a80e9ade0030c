using System.Globalization;
using Selene.Cluster.Taints;

namespace Selene.Cluster.Placement;

/// <summary>
/// The simple placement rule: among nodes with GPUs of a type the workload can use, whose hard taints it
/// tolerates and whose round-trip light time fits its budget, the one with the lowest expected completion
/// time; ties go to the node listed first, so runs are deterministic.
/// </summary>
public sealed class LowestCompletionTimePolicy : IPlacementPolicy
{
    /// <inheritdoc />
    public PlacementStatus Filter(WorkloadProfile workload, NodeProfile node)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(node);
        if (node.Node.GpuCount <= 0)
        {
            return PlacementStatus.Unfit("node has no nvidia.com/gpu capacity");
        }

        if (!workload.GpuTypes.Contains(node.GpuType))
        {
            return PlacementStatus.Unfit($"workload has no service-time model for GPU type {node.GpuType}");
        }

        if (TolerationMatcher.FirstUntolerated(node.Node.Taints, workload.Tolerations) is { } taint)
        {
            return PlacementStatus.Unfit($"untolerated taint {TolerationMatcher.Describe(taint)}");
        }

        if (node.RoundTripLightSeconds >= workload.BudgetSeconds)
        {
            return PlacementStatus.Unfit(string.Create(CultureInfo.InvariantCulture,
                $"round-trip light time {node.RoundTripLightSeconds:0.###} s exceeds the {workload.BudgetSeconds:0.###} s budget"));
        }

        return PlacementStatus.Fit;
    }

    /// <inheritdoc />
    public int Choose(ReadOnlySpan<NodeLoad> feasible)
    {
        var best = -1;
        var bestSeconds = double.PositiveInfinity;
        for (var i = 0; i < feasible.Length; i++)
        {
            if (feasible[i].ExpectedCompletionSeconds < bestSeconds)
            {
                best = i;
                bestSeconds = feasible[i].ExpectedCompletionSeconds;
            }
        }

        return best;
    }
}
