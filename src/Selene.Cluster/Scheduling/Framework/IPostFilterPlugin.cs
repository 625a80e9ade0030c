namespace Selene.Cluster.Scheduling.Framework;

/// <summary>Runs when no node passed the filters, to make room (preemption).</summary>
public interface IPostFilterPlugin : IPlugin
{
    /// <summary>Tries to make the pod schedulable; the result names the nominated node and the victims.</summary>
    /// <param name="state">The cycle's state.</param>
    /// <param name="pod">The pod that found no node.</param>
    /// <param name="framework">Runs the profile's filters again, for "would it fit if these pods were gone".</param>
    /// <param name="failedNodes">Each filtered node's rejection, by node.</param>
    PostFilterResult PostFilter(CycleState state, PodInfo pod, IFrameworkHandle framework, IReadOnlyDictionary<NodeInfo, Status> failedNodes);
}

/// <summary>What a PostFilter plugin did.</summary>
/// <param name="Status">Success when a node was nominated.</param>
/// <param name="NominatedNode">The node that will fit the pod once the victims are gone.</param>
/// <param name="Victims">Pods to evict.</param>
public sealed record PostFilterResult(Status Status, NodeInfo? NominatedNode, IReadOnlyList<PodInfo> Victims)
{
    /// <summary>Nothing could be done.</summary>
    public static PostFilterResult Failed(string reason) => new(Status.Unschedulable(reason), null, []);
}
