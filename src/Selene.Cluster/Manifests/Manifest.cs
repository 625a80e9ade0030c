namespace Selene.Cluster.Manifests;

/// <summary>A Kubernetes object read from a manifest, with the document it came from.</summary>
/// <typeparam name="T">The KubernetesClient model type.</typeparam>
/// <param name="Value">The object as KubernetesClient models it.</param>
/// <param name="Document">Where it was written, for diagnostics about its fields.</param>
public sealed record Manifest<T>(T Value, ManifestDocument Document);
