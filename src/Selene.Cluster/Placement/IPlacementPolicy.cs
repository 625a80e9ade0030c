namespace Selene.Cluster.Placement;

/// <summary>
/// Decides where a request runs, in two phases: a static <see cref="Filter"/> the caller may cache per
/// (workload, node) pair, and <see cref="Choose"/> among the feasible nodes' current loads.
/// </summary>
public interface IPlacementPolicy
{
    /// <summary>Whether <paramref name="workload"/> can ever run on <paramref name="node"/>.</summary>
    PlacementStatus Filter(WorkloadProfile workload, NodeProfile node);

    /// <summary>The position in <paramref name="feasible"/> of the chosen node, or -1 when the span is empty.</summary>
    int Choose(ReadOnlySpan<NodeLoad> feasible);
}
