namespace Selene.Cluster.Scheduling.Framework;

/// <summary>Decides whether the pod may run on one node.</summary>
public interface IFilterPlugin : IPlugin
{
    /// <summary>Success when the node may take the pod; otherwise the reason it may not.</summary>
    Status Filter(CycleState state, PodInfo pod, NodeInfo node);
}
