using Selene.Cluster.Manifests;

namespace Selene.Simulation.Scenarios;

/// <summary>A node present from time zero, bound to its site and GPU type.</summary>
/// <param name="Node">The node as read from its manifest.</param>
/// <param name="Site">Name of the site it stands at.</param>
/// <param name="GpuType">Name of its GPU type.</param>
public sealed record NodeSpec(ClusterNode Node, string Site, string GpuType);
