using Selene.Cluster.Manifests;

namespace Selene.Cluster.Placement;

/// <summary>What placement needs to know about a node beyond its manifest.</summary>
/// <param name="Node">The node as read from its manifest.</param>
/// <param name="Site">The site the node stands at.</param>
/// <param name="GpuType">The node's GPU type.</param>
/// <param name="RoundTripLightSeconds">Light time from the users to the node and back (0 for Earth sites).</param>
public sealed record NodeProfile(ClusterNode Node, string Site, string GpuType, double RoundTripLightSeconds);
