using Selene.Cluster.Scheduling.Framework;

namespace Selene.Cluster.Scheduling.Space;

/// <summary>
/// Supplies <see cref="NodeConditions"/> for the space plugins: the simulation from Selene's ephemeris and power
/// models, a live cluster from node annotations (<see cref="AnnotationEnvironment"/>).
/// </summary>
public interface INodeEnvironment
{
    /// <summary>The node's conditions at the scheduler's current time.</summary>
    NodeConditions Conditions(NodeInfo node);

    /// <summary>
    /// Changes whenever conditions may have changed (the simulated clock moved, a forecast was refreshed); the
    /// scheduler keeps each node's conditions until then. Node objects replaced in the snapshot are always re-read.
    /// </summary>
    long Version => 0;
}

/// <summary>Node conditions as the plugins read them: worked out once per node and environment version.</summary>
public static class NodeEnvironmentExtensions
{
    /// <summary>The node's conditions, from the node's cache when still current.</summary>
    public static NodeConditions ConditionsOf(this INodeEnvironment environment, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(node);
        var (owner, version, conditions) = node.SpaceConditions;
        var current = environment.Version;
        if (ReferenceEquals(owner, environment) && version == current && conditions is NodeConditions cached)
        {
            return cached;
        }

        var fresh = environment.Conditions(node);
        node.SpaceConditions = (environment, current, fresh);
        return fresh;
    }
}
