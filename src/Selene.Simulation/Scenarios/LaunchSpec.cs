using Selene.Cluster.Manifests;

namespace Selene.Simulation.Scenarios;

/// <summary>
/// A launch (or a series of them) that delivers nodes to a site: capacity as a schedule, not a constant.
/// Launch <c>i</c> (from 0) lifts off at <see cref="FirstSeconds"/> + i × <see cref="EverySeconds"/>, is lost
/// with probability <see cref="FailureProbability"/>, and otherwise brings <see cref="NodesPerLaunch"/> nodes
/// online <see cref="TransitSeconds"/> later.
/// </summary>
/// <param name="Name">Launch name; node names are derived from it.</param>
/// <param name="Site">Destination site.</param>
/// <param name="GpuType">GPU type of the nodes carried.</param>
/// <param name="Templates">Nodes from the manifest, used in turn as templates for the nodes carried.</param>
/// <param name="NodesPerLaunch">Nodes carried by each launch.</param>
/// <param name="FirstSeconds">Lift-off time of the first launch.</param>
/// <param name="EverySeconds">Interval between launches in the series.</param>
/// <param name="Count">Number of launches in the series.</param>
/// <param name="TransitSeconds">Lift-off to nodes online.</param>
/// <param name="FailureProbability">Probability that a launch is lost with its cargo.</param>
public sealed record LaunchSpec(
    string Name,
    string Site,
    string GpuType,
    IReadOnlyList<ClusterNode> Templates,
    int NodesPerLaunch,
    double FirstSeconds,
    double EverySeconds,
    int Count,
    double TransitSeconds,
    double FailureProbability);
