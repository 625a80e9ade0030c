using Selene.Cluster.Resources;
using Selene.Cluster.Scheduling.Space;

namespace Selene.Cluster.Scheduling.Profiles;

/// <summary>What plugin factories may use: the snapshot's resource table and the source of node conditions.</summary>
/// <param name="Resources">The resource index table.</param>
/// <param name="Environment">Node conditions for the space plugins.</param>
public sealed record PluginContext(ResourceNames Resources, INodeEnvironment Environment);
