using System.Globalization;
using k8s.Models;

namespace Selene.Cluster.Manifests;

/// <summary>
/// A node read from a manifest, with its capacity already normalised into <c>status.capacity</c>,
/// and where it came from so later errors can point at it.
/// </summary>
/// <param name="Node">The Kubernetes object, exactly as KubernetesClient models it.</param>
/// <param name="File">The manifest file as the user named it.</param>
/// <param name="Line">1-based line where the node's document starts.</param>
public sealed record ClusterNode(V1Node Node, string File, int Line)
{
    /// <summary>The well-known extended resource name for NVIDIA GPUs.</summary>
    public const string GpuResource = "nvidia.com/gpu";

    /// <summary>The GPU feature discovery label naming the GPU model.</summary>
    public const string GpuProductLabel = "nvidia.com/gpu.product";

    /// <summary>
    /// A node built in code rather than read from a manifest: <paramref name="gpus"/> GPUs in
    /// <c>status.capacity</c> and <c>status.allocatable</c>, and the given taints.
    /// </summary>
    public static ClusterNode WithGpus(string name, int gpus, IReadOnlyList<V1Taint>? taints = null, string source = "<code>")
    {
        var capacity = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal)
        {
            [GpuResource] = new(gpus.ToString(CultureInfo.InvariantCulture)),
        };
        var node = new V1Node
        {
            ApiVersion = "v1",
            Kind = "Node",
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1NodeSpec { Taints = taints?.ToList() },
            Status = new V1NodeStatus { Capacity = capacity, Allocatable = capacity },
        };
        return new ClusterNode(node, source, 0);
    }

    /// <summary><c>metadata.name</c>.</summary>
    public string Name => Node.Metadata.Name;

    /// <summary>Whole GPUs in <c>status.capacity</c>; 0 when the node has none.</summary>
    public int GpuCount => (int)Math.Floor(Capacity(GpuResource));

    /// <summary>The node's taints; empty when it has none.</summary>
    public IReadOnlyList<V1Taint> Taints => (IReadOnlyList<V1Taint>?)Node.Spec?.Taints ?? [];

    /// <summary>The value of a label, or null.</summary>
    public string? Label(string key) =>
        Node.Metadata.Labels is { } labels && labels.TryGetValue(key, out var value) ? value : null;

    /// <summary>A capacity entry as a number (cores for <c>cpu</c>, bytes for <c>memory</c>), 0 when absent.</summary>
    public double Capacity(string resource) =>
        Node.Status?.Capacity is { } capacity && capacity.TryGetValue(resource, out var quantity)
            ? (double)quantity.ToDecimal()
            : 0;
}
