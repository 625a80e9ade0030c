using Selene.Cluster.Manifests;

namespace Selene.Simulation.Model;

/// <summary>What the twin knows about a node beyond its manifest.</summary>
/// <param name="Node">The node as read from its manifest.</param>
/// <param name="Site">The site the node stands at.</param>
/// <param name="GpuType">The node's GPU type.</param>
internal sealed record NodeProfile(ClusterNode Node, string Site, string GpuType);
