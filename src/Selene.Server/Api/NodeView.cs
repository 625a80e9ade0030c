namespace Selene.Server.Api;

/// <summary>A node as the API shows it.</summary>
/// <param name="Name">The node's name.</param>
/// <param name="Labels">Its labels.</param>
/// <param name="Taints">Its taints.</param>
/// <param name="Unschedulable">True when cordoned.</param>
/// <param name="Allocatable">Resources pods may request (or its capacity where the manifest gives only that).</param>
/// <param name="Pods">Pods bound to it, as namespace/name.</param>
public sealed record NodeView(string Name, IReadOnlyDictionary<string, string> Labels, IReadOnlyList<TaintView> Taints, bool Unschedulable, IReadOnlyDictionary<string, string> Allocatable, IReadOnlyList<string> Pods);
