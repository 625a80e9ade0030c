namespace Selene.Cluster.Scheduling.Framework;

/// <summary>What a profile offers its plugins beyond their own extension point.</summary>
public interface IFrameworkHandle
{
    /// <summary>The cluster as the scheduler sees it.</summary>
    ClusterSnapshot Snapshot { get; }

    /// <summary>Runs PreFilter and every Filter plugin for one node against the snapshot as it is now.</summary>
    Status RunFilters(PodInfo pod, NodeInfo node);

    /// <summary>A random integer in [0, <paramref name="maxExclusive"/>) from the scheduler's seeded stream.</summary>
    int NextRandom(int maxExclusive);
}
