using Selene.Cluster.Scheduling.Framework;

namespace Selene.Cluster.Scheduling;

/// <summary>The outcome of one scheduling cycle.</summary>
/// <param name="Pod">The pod.</param>
/// <param name="Node">The node it was bound to, or null.</param>
/// <param name="Status">Success, a rejection, or an error.</param>
/// <param name="Message">kube-scheduler's message: "0/5 nodes are available: 3 Insufficient cpu, …".</param>
/// <param name="Decision">The explanation, when the scheduler records them.</param>
/// <param name="Preemption">What preemption did, when it ran and nominated a node.</param>
/// <param name="Rejections">How many evaluated nodes rejected the pod for each reason.</param>
public sealed record SchedulingResult(
    PodInfo Pod,
    NodeInfo? Node,
    Status Status,
    string Message,
    SchedulingDecision? Decision,
    PostFilterResult? Preemption,
    IReadOnlyDictionary<string, int> Rejections)
{
    /// <summary>True when the pod was bound.</summary>
    public bool Scheduled => Node is not null && Status.IsSuccess;
}
