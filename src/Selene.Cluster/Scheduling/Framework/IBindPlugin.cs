namespace Selene.Cluster.Scheduling.Framework;

/// <summary>Binds the pod to the node; the first bind plugin that does not skip wins.</summary>
public interface IBindPlugin : IPlugin
{
    /// <summary>Binds, or answers <see cref="Status.Skip"/> to leave it to the next bind plugin.</summary>
    Status Bind(CycleState state, PodInfo pod, NodeInfo node);
}
