namespace Selene.Cluster.Scheduling.Framework;

/// <summary>Claims resources on the chosen node before binding, and gives them back when a later step fails.</summary>
public interface IReservePlugin : IPlugin
{
    /// <summary>Claims what the pod needs on <paramref name="node"/>; a failure aborts the cycle.</summary>
    Status Reserve(CycleState state, PodInfo pod, NodeInfo node);

    /// <summary>Releases what <see cref="Reserve"/> claimed.</summary>
    void Unreserve(CycleState state, PodInfo pod, NodeInfo node);
}
