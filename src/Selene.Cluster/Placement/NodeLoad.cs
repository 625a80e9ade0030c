namespace Selene.Cluster.Placement;

/// <summary>A feasible node's current load, as the simulation or the live cluster sees it.</summary>
/// <param name="NodeIndex">The caller's index of the node.</param>
/// <param name="ExpectedCompletionSeconds">
/// Expected time from now until the reply would reach the user: transfer, queueing, service and light time.
/// </param>
public readonly record struct NodeLoad(int NodeIndex, double ExpectedCompletionSeconds);
