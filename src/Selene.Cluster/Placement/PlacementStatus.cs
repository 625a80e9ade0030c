namespace Selene.Cluster.Placement;

/// <summary>Whether a node can take a workload at all, and if not, why in words a user can act on.</summary>
/// <param name="Feasible">True when the workload may run on the node.</param>
/// <param name="Reason">Why not, when <paramref name="Feasible"/> is false.</param>
public readonly record struct PlacementStatus(bool Feasible, string? Reason)
{
    /// <summary>The node can take the workload.</summary>
    public static PlacementStatus Fit { get; } = new(true, null);

    /// <summary>The node cannot take the workload, for <paramref name="reason"/>.</summary>
    public static PlacementStatus Unfit(string reason) => new(false, reason);
}
