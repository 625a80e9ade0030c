using k8s;

namespace Selene.Cluster.Store;

/// <summary>One change seen by a watch: what happened, to which object, at which resource version.</summary>
/// <typeparam name="T">The object's model type.</typeparam>
/// <param name="Type">Added, Modified or Deleted.</param>
/// <param name="Item">The object after the change (before it, for Deleted).</param>
/// <param name="ResourceVersion">The store's version after the change.</param>
public readonly record struct WatchEvent<T>(WatchEventType Type, T Item, long ResourceVersion);
