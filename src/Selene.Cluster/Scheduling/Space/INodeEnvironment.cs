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
}
