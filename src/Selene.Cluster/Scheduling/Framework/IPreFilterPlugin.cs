namespace Selene.Cluster.Scheduling.Framework;

/// <summary>Runs once per scheduling cycle before any node is filtered; may precompute state or reject the pod.</summary>
public interface IPreFilterPlugin : IPlugin
{
    /// <summary>Prepares the cycle's state; a rejection makes the pod unschedulable on every node.</summary>
    Status PreFilter(CycleState state, PodInfo pod, ClusterSnapshot snapshot);
}
