using Selene.Cluster.Scheduling.Framework;
using Selene.Cluster.Taints;

namespace Selene.Cluster.Scheduling.Plugins;

/// <summary>
/// Taints and tolerations (kube-scheduler's <c>TaintToleration</c>): Filter rejects a node with a NoSchedule or
/// NoExecute taint the pod does not tolerate; Score counts the node's PreferNoSchedule taints the pod does not
/// tolerate (with its tolerations of effect PreferNoSchedule or empty), normalised reversed, so fewer is better.
/// </summary>
public sealed class TaintToleration : IFilterPlugin, IScorePlugin
{
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<k8s.Models.V1Taint, string> _reasons = [];

    /// <inheritdoc />
    public string Name => nameof(TaintToleration);

    /// <inheritdoc />
    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        foreach (var taint in node.TaintArray)
        {
            if (!TolerationMatcher.IsHardEffect(taint.Effect) || Tolerated(pod, taint, preferOnly: false))
            {
                continue;
            }

            return Status.Unresolvable(_reasons.GetValue(taint, t => $"node(s) had untolerated taint {{{t.Key}: {t.Value}}}"));
        }

        return Status.Success;
    }

    /// <inheritdoc />
    public long Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        long count = 0;
        foreach (var taint in node.TaintArray)
        {
            if (taint.Effect == "PreferNoSchedule" && !Tolerated(pod, taint, preferOnly: true))
            {
                count++;
            }
        }

        return count;
    }

    /// <inheritdoc />
    public void NormalizeScore(CycleState state, PodInfo pod, Span<long> scores) =>
        ScoreNormalizer.Default(scores, ScoreNormalizer.MaxNodeScore, reverse: true);

    private static bool Tolerated(PodInfo pod, k8s.Models.V1Taint taint, bool preferOnly)
    {
        foreach (var toleration in pod.TolerationArray)
        {
            if (preferOnly && !string.IsNullOrEmpty(toleration.Effect) && toleration.Effect != "PreferNoSchedule")
            {
                continue;
            }

            if (TolerationMatcher.Tolerates(toleration, taint))
            {
                return true;
            }
        }

        return false;
    }
}
