namespace Selene.Cluster.Scheduling.Framework;

/// <summary>Ranks feasible nodes; the framework multiplies the normalised score (0–100) by the plugin's weight.</summary>
public interface IScorePlugin : IPlugin
{
    /// <summary>The node's raw score for the pod.</summary>
    long Score(CycleState state, PodInfo pod, NodeInfo node);

    /// <summary>Maps the raw scores of all feasible nodes onto 0–100 in place; the default leaves them as they are.</summary>
    void NormalizeScore(CycleState state, PodInfo pod, Span<long> scores)
    {
    }
}
