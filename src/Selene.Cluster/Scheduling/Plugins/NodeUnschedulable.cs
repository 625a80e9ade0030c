using k8s.Models;
using Selene.Cluster.Scheduling.Framework;
using Selene.Cluster.Taints;

namespace Selene.Cluster.Scheduling.Plugins;

/// <summary>Filters out cordoned nodes (<c>spec.unschedulable</c>) unless the pod tolerates <c>node.kubernetes.io/unschedulable:NoSchedule</c>.</summary>
public sealed class NodeUnschedulable : IFilterPlugin
{
    /// <summary>kube-scheduler's reason.</summary>
    public const string Reason = "node(s) were unschedulable";

    private static readonly V1Taint s_taint = new() { Key = "node.kubernetes.io/unschedulable", Effect = "NoSchedule" };

    /// <inheritdoc />
    public string Name => nameof(NodeUnschedulable);

    /// <inheritdoc />
    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        if (!node.Unschedulable)
        {
            return Status.Success;
        }

        foreach (var toleration in pod.TolerationArray)
        {
            if (TolerationMatcher.Tolerates(toleration, s_taint))
            {
                return Status.Success;
            }
        }

        return Status.Unresolvable(Reason);
    }
}
