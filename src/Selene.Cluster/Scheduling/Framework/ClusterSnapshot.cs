using k8s.Models;
using Selene.Cluster.Resources;

namespace Selene.Cluster.Scheduling.Framework;

/// <summary>
/// The scheduler's view of the cluster: nodes in kube-scheduler's order (round-robin across zones, so a
/// partial search samples every zone), the pods on them, namespaces and the resource index table.
/// </summary>
public sealed class ClusterSnapshot
{
    /// <summary>The label that names a node's zone.</summary>
    public const string ZoneLabel = "topology.kubernetes.io/zone";

    /// <summary>The label that names a node's region.</summary>
    public const string RegionLabel = "topology.kubernetes.io/region";

    private readonly Dictionary<string, NodeInfo> _byName = new(StringComparer.Ordinal);
    private readonly List<NodeInfo> _insertion = [];
    private readonly Dictionary<string, (PodInfo Pod, NodeInfo Node)> _bound = new(StringComparer.Ordinal);
    private readonly Dictionary<string, V1Namespace> _namespaces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, (PodInfo Pod, NodeInfo Node)>> _byNamespace = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string, string), Dictionary<string, (PodInfo Pod, NodeInfo Node)>> _byLabel = [];
    private readonly Dictionary<string, Dictionary<string, int>> _nodeLabels = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, int> s_noValues = [];
    private List<NodeInfo>? _ordered;

    /// <summary>The resource index table every node and pod in the snapshot uses.</summary>
    public ResourceNames Resources { get; } = new();

    /// <summary>Nodes, interleaved across zones in the order zones were first seen.</summary>
    public IReadOnlyList<NodeInfo> Nodes => _ordered ??= Interleave();

    /// <summary>Every bound pod.</summary>
    public int BoundPodCount => _bound.Count;

    /// <summary>Bound pods with any pod affinity or anti-affinity term.</summary>
    public int PodsWithAffinity { get; private set; }

    /// <summary>Bound pods with a required anti-affinity term.</summary>
    public int PodsWithRequiredAntiAffinity { get; private set; }

    /// <summary>Bound pods of a namespace carrying the label <paramref name="key"/>=<paramref name="value"/>, with their nodes.</summary>
    public IReadOnlyCollection<(PodInfo Pod, NodeInfo Node)> PodsLabelled(string ns, string key, string value) =>
        _byLabel.TryGetValue((ns, key, value), out var pods) ? pods.Values : [];

    /// <summary>How many nodes carry each value of the label <paramref name="key"/>.</summary>
    public IReadOnlyDictionary<string, int> NodeLabelValues(string key) =>
        _nodeLabels.TryGetValue(key, out var values) ? values : s_noValues;

    /// <summary>Bound pods of a namespace, with their nodes.</summary>
    public IReadOnlyCollection<(PodInfo Pod, NodeInfo Node)> PodsIn(string ns) =>
        _byNamespace.TryGetValue(ns, out var pods) ? pods.Values : [];

    /// <summary>Namespaces by name.</summary>
    public IReadOnlyDictionary<string, V1Namespace> Namespaces => _namespaces;

    /// <summary>The node called <paramref name="name"/>, or null.</summary>
    public NodeInfo? Node(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The node a pod is bound to, or null.</summary>
    public NodeInfo? NodeOf(string podKey) => _bound.TryGetValue(podKey, out var entry) ? entry.Node : null;

    /// <summary>A bound pod, or null.</summary>
    public PodInfo? BoundPod(string podKey) => _bound.TryGetValue(podKey, out var entry) ? entry.Pod : null;

    /// <summary>Adds a node, or updates it when one of that name exists.</summary>
    public NodeInfo SetNode(V1Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (_byName.TryGetValue(node.Metadata.Name, out var existing))
        {
            var zoneBefore = Zone(existing);
            CountLabels(existing, -1);
            existing.Update(node, Resources);
            CountLabels(existing, 1);
            if (Zone(existing) != zoneBefore)
            {
                _ordered = null;
            }

            return existing;
        }

        var info = new NodeInfo(node, Resources);
        CountLabels(info, 1);
        _byName.Add(info.Name, info);
        _insertion.Add(info);
        _ordered = null;
        return info;
    }

    /// <summary>Removes a node and forgets the pods bound to it.</summary>
    public bool RemoveNode(string name)
    {
        if (!_byName.Remove(name, out var info))
        {
            return false;
        }

        foreach (var pod in info.Pods.ToList())
        {
            Unbind(pod.Key);
        }

        CountLabels(info, -1);

        _insertion.Remove(info);
        _ordered = null;
        return true;
    }

    /// <summary>Adds or replaces a namespace (its labels serve namespace selectors).</summary>
    public void SetNamespace(V1Namespace ns)
    {
        ArgumentNullException.ThrowIfNull(ns);
        _namespaces[ns.Metadata.Name] = ns;
    }

    /// <summary>Accounts <paramref name="pod"/> as bound to <paramref name="node"/>.</summary>
    public void Bind(PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        if (_bound.ContainsKey(pod.Key))
        {
            throw new InvalidOperationException($"pod {pod.Key} is already bound");
        }

        node.AddPod(pod);
        _bound.Add(pod.Key, (pod, node));
        if (!_byNamespace.TryGetValue(pod.Namespace, out var pods))
        {
            pods = new Dictionary<string, (PodInfo, NodeInfo)>(StringComparer.Ordinal);
            _byNamespace.Add(pod.Namespace, pods);
        }

        pods.Add(pod.Key, (pod, node));
        foreach (var (key, value) in pod.Labels)
        {
            if (!_byLabel.TryGetValue((pod.Namespace, key, value), out var labelled))
            {
                labelled = new Dictionary<string, (PodInfo, NodeInfo)>(StringComparer.Ordinal);
                _byLabel.Add((pod.Namespace, key, value), labelled);
            }

            labelled.Add(pod.Key, (pod, node));
        }

        PodsWithAffinity += pod.HasPodAffinityTerms ? 1 : 0;
        PodsWithRequiredAntiAffinity += pod.HasRequiredAntiAffinity ? 1 : 0;
    }

    /// <summary>Removes a bound pod; false when it was not bound.</summary>
    public bool Unbind(string podKey)
    {
        if (!_bound.Remove(podKey, out var entry))
        {
            return false;
        }

        entry.Node.RemovePod(entry.Pod);
        _byNamespace[entry.Pod.Namespace].Remove(podKey);
        foreach (var (key, value) in entry.Pod.Labels)
        {
            _byLabel[(entry.Pod.Namespace, key, value)].Remove(podKey);
        }

        PodsWithAffinity -= entry.Pod.HasPodAffinityTerms ? 1 : 0;
        PodsWithRequiredAntiAffinity -= entry.Pod.HasRequiredAntiAffinity ? 1 : 0;
        return true;
    }

    private void CountLabels(NodeInfo node, int sign)
    {
        foreach (var (key, value) in node.Labels)
        {
            if (!_nodeLabels.TryGetValue(key, out var values))
            {
                values = new Dictionary<string, int>(StringComparer.Ordinal);
                _nodeLabels.Add(key, values);
            }

            var count = values.GetValueOrDefault(value) + sign;
            if (count == 0)
            {
                values.Remove(value);
            }
            else
            {
                values[value] = count;
            }
        }
    }

    private static string Zone(NodeInfo node) => $"{node.Label(RegionLabel)}:{node.Label(ZoneLabel)}";

    // kube-scheduler's nodeTree: zones in order of first appearance, one node from each in turn.
    private List<NodeInfo> Interleave()
    {
        var zones = new List<List<NodeInfo>>();
        var byZone = new Dictionary<string, List<NodeInfo>>(StringComparer.Ordinal);
        foreach (var node in _insertion)
        {
            var zone = Zone(node);
            if (!byZone.TryGetValue(zone, out var list))
            {
                list = [];
                byZone.Add(zone, list);
                zones.Add(list);
            }

            list.Add(node);
        }

        var ordered = new List<NodeInfo>(_insertion.Count);
        for (var round = 0; ordered.Count < _insertion.Count; round++)
        {
            foreach (var zone in zones)
            {
                if (round < zone.Count)
                {
                    ordered.Add(zone[round]);
                }
            }
        }

        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Index = i;
        }

        return ordered;
    }
}
