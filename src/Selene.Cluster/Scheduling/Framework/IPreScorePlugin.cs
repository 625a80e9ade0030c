namespace Selene.Cluster.Scheduling.Framework;

/// <summary>Runs once per cycle after filtering, before scoring, with the feasible nodes.</summary>
public interface IPreScorePlugin : IPlugin
{
    /// <summary>Prepares scoring state; <see cref="Status.Skip"/> skips this plugin's Score for the cycle.</summary>
    Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> feasible, ClusterSnapshot snapshot);
}
