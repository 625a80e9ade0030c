using k8s.Models;
using Selene.Cluster.Resources;

namespace Selene.Cluster.Scheduling.Framework;

/// <summary>
/// A node and what is on it, kept up to date as pods are bound and removed: allocatable and requested
/// amounts by resource index, the non-zero requests kube-scheduler scores with, and the pods themselves.
/// </summary>
public sealed class NodeInfo
{
    private long[] _allocatable;
    private long[] _requested;
    private readonly List<PodInfo> _pods = [];

    /// <summary>Wraps a node.</summary>
    public NodeInfo(V1Node node, ResourceNames resources)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(resources);
        Node = node;
        _allocatable = new long[resources.Count];
        _requested = new long[resources.Count];
        Update(node, resources);
    }

    /// <summary>The node object.</summary>
    public V1Node Node { get; private set; }

    /// <summary><c>metadata.name</c>.</summary>
    public string Name => Node.Metadata.Name;

    /// <summary>Position in the snapshot's node list.</summary>
    public int Index { get; internal set; }

    /// <summary>The node's labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; private set; } = new Dictionary<string, string>();

    /// <summary>The node's taints.</summary>
    public IReadOnlyList<V1Taint> Taints => TaintArray;

    /// <summary>The taints as an array, for loops that must not allocate an enumerator.</summary>
    internal V1Taint[] TaintArray { get; private set; } = [];

    /// <summary><c>spec.unschedulable</c> (cordoned).</summary>
    public bool Unschedulable { get; private set; }

    /// <summary>Pods bound to the node (and pods reserved for it in the current cycle).</summary>
    public IReadOnlyList<PodInfo> Pods => _pods;

    /// <summary>How many of <see cref="Pods"/> have pod affinity or anti-affinity terms.</summary>
    public int PodsWithAffinity { get; private set; }

    /// <summary>How many of <see cref="Pods"/> have required anti-affinity terms.</summary>
    public int PodsWithRequiredAntiAffinity { get; private set; }

    /// <summary>Sum of the non-zero CPU requests of the pods on the node (for scoring).</summary>
    public long NonZeroRequestedMilliCpu { get; private set; }

    /// <summary>Sum of the non-zero memory requests of the pods on the node (for scoring).</summary>
    public long NonZeroRequestedMemory { get; private set; }

    /// <summary>Allocatable amount of a resource index, 0 when the node has none.</summary>
    public long Allocatable(int resource) => resource < _allocatable.Length ? _allocatable[resource] : 0;

    /// <summary>Requested amount of a resource index by the pods on the node.</summary>
    public long Requested(int resource) => resource < _requested.Length ? _requested[resource] : 0;

    /// <summary>Whatever the application embedding the scheduler attaches to the node (the twin: its queueing station).</summary>
    public object? Host { get; set; }

    /// <summary>The space conditions last worked out for this node, with the environment and version they belong to.</summary>
    internal (object? Environment, long Version, object? Conditions) SpaceConditions { get; set; }

    /// <summary>A label's value, or null.</summary>
    public string? Label(string key) => Labels.TryGetValue(key, out var value) ? value : null;

    /// <summary>An annotation's value, or null.</summary>
    public string? Annotation(string key) =>
        Node.Metadata.Annotations is { } annotations && annotations.TryGetValue(key, out var value) ? value : null;

    /// <summary>Takes a new version of the node object, keeping its pods.</summary>
    public void Update(V1Node node, ResourceNames resources)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(resources);
        Node = node;
        SpaceConditions = default;
        Labels = (IReadOnlyDictionary<string, string>?)node.Metadata.Labels ?? new Dictionary<string, string>();
        TaintArray = node.Spec?.Taints?.ToArray() ?? [];
        Unschedulable = node.Spec?.Unschedulable == true;
        Array.Clear(_allocatable);
        var allocatable = node.Status?.Allocatable ?? node.Status?.Capacity ?? new Dictionary<string, ResourceQuantity>();
        foreach (var (name, quantity) in allocatable)
        {
            var index = resources.IndexOf(name);
            Grow(index);
            _allocatable[index] = Quantities.ToMilli(quantity);
        }

        if (!allocatable.ContainsKey("pods"))
        {
            // A node that does not say how many pods it admits gets the kubelet's default, 110 (--max-pods).
            _allocatable[ResourceNames.Pods] = 110_000;
        }
    }

    /// <summary>Accounts a pod as running here.</summary>
    public void AddPod(PodInfo pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        _pods.Add(pod);
        Charge(pod, 1);
    }

    /// <summary>Removes a pod; false when it was not here.</summary>
    public bool RemovePod(PodInfo pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var index = _pods.IndexOf(pod);
        if (index < 0)
        {
            return false;
        }

        _pods.RemoveAt(index);
        Charge(pod, -1);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    private void Charge(PodInfo pod, int sign)
    {
        foreach (var (resource, amount) in pod.Requests)
        {
            Grow(resource);
            _requested[resource] += sign * amount;
        }

        _requested[ResourceNames.Pods] += sign * 1000;
        NonZeroRequestedMilliCpu += sign * pod.NonZeroMilliCpu;
        NonZeroRequestedMemory += sign * pod.NonZeroMemory;
        PodsWithAffinity += pod.HasPodAffinityTerms ? sign : 0;
        PodsWithRequiredAntiAffinity += pod.HasRequiredAntiAffinity ? sign : 0;
    }

    private void Grow(int index)
    {
        if (index >= _allocatable.Length)
        {
            Array.Resize(ref _allocatable, index + 1);
            Array.Resize(ref _requested, index + 1);
        }
    }
}
