using Selene.Cluster.Scheduling.Framework;

namespace Selene.Cluster.Scheduling.Plugins;

/// <summary>Filters out every node but the one a pod names in <c>spec.nodeName</c>.</summary>
public sealed class NodeName : IPreFilterPlugin, IFilterPlugin
{
    /// <summary>kube-scheduler's reason.</summary>
    public const string Reason = "node(s) didn't match the requested node name";

    /// <inheritdoc />
    public string Name => nameof(NodeName);

    /// <inheritdoc />
    public Status PreFilter(CycleState state, PodInfo pod, ClusterSnapshot snapshot) =>
        string.IsNullOrEmpty(pod?.Pod.Spec?.NodeName) ? Status.Skip : Status.Success;

    /// <inheritdoc />
    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        var wanted = pod.Pod.Spec?.NodeName;
        return string.IsNullOrEmpty(wanted) || wanted == node.Name ? Status.Success : Status.Unresolvable(Reason);
    }
}
