using Selene.Cluster.Scheduling.Framework;

namespace Selene.Cluster.Scheduling.Plugins;

/// <summary>
/// kube-scheduler's <c>DefaultPreemption</c>. When a pod fits nowhere, it looks among the nodes that rejected it
/// for a reason preemption can fix (not a taint or a selector) — at least 100 or 10 % of them, from a random
/// start — for the fewest, least important lower-priority pods whose removal lets it fit: all lower-priority pods
/// are removed, then given back most important first while the pod still fits. Among candidate nodes it picks the
/// one whose most important victim has the lowest priority, then the lowest sum of victim priorities, then the
/// fewest victims, then the most recently started most important victim. Pods with
/// <c>preemptionPolicy: Never</c> do not preempt. (No PodDisruptionBudgets are weighed here yet.)
/// </summary>
public sealed class DefaultPreemption : IPostFilterPlugin
{
    private const int MinCandidateNodesPercentage = 10;
    private const int MinCandidateNodesAbsolute = 100;

    /// <inheritdoc />
    public string Name => nameof(DefaultPreemption);

    /// <inheritdoc />
    public PostFilterResult PostFilter(CycleState state, PodInfo pod, IFrameworkHandle framework, IReadOnlyDictionary<NodeInfo, Status> failedNodes)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(failedNodes);
        if (!pod.PreemptsOthers)
        {
            return PostFilterResult.Failed("preemption: not eligible due to preemptionPolicy=Never");
        }

        var potential = failedNodes.Where(f => f.Value.Code == StatusCode.Unschedulable).Select(f => f.Key).OrderBy(n => n.Index).ToList();
        if (potential.Count == 0)
        {
            return PostFilterResult.Failed("preemption: Preemption is not helpful for scheduling");
        }

        var wanted = Math.Min(potential.Count, Math.Max(potential.Count * MinCandidateNodesPercentage / 100, MinCandidateNodesAbsolute));
        var offset = framework.NextRandom(potential.Count);
        var candidates = new List<(NodeInfo Node, List<PodInfo> Victims)>();
        for (var i = 0; i < potential.Count && candidates.Count < wanted; i++)
        {
            var node = potential[(offset + i) % potential.Count];
            if (SelectVictims(pod, node, framework) is { } victims)
            {
                candidates.Add((node, victims));
            }
        }

        if (candidates.Count == 0)
        {
            return PostFilterResult.Failed("preemption: No preemption victims found for incoming pod");
        }

        var best = candidates
            .OrderBy(c => c.Victims.Count == 0 ? int.MinValue : c.Victims.Max(v => v.Priority))
            .ThenBy(c => c.Victims.Sum(v => (long)v.Priority - int.MinValue))
            .ThenBy(c => c.Victims.Count)
            .ThenByDescending(c => c.Victims.Where(v => v.Priority == c.Victims.Max(x => x.Priority)).Select(v => v.Order).DefaultIfEmpty(long.MaxValue).Min())
            .ThenBy(c => candidates.IndexOf(c))
            .First();
        return new PostFilterResult(Status.Success, best.Node, best.Victims);
    }

    // SelectVictimsOnNode: remove every lower-priority pod, check the pod fits, then reprieve the most
    // important victims first while it still fits.
    private static List<PodInfo>? SelectVictims(PodInfo pod, NodeInfo node, IFrameworkHandle framework)
    {
        var snapshot = framework.Snapshot;
        var lower = node.Pods.Where(p => p.Priority < pod.Priority).ToList();
        if (lower.Count == 0)
        {
            return null;
        }

        foreach (var victim in lower)
        {
            snapshot.Unbind(victim.Key);
        }

        var victims = new List<PodInfo>();
        try
        {
            if (!framework.RunFilters(pod, node).IsSuccess)
            {
                foreach (var victim in lower)
                {
                    snapshot.Bind(victim, node);
                }

                return null;
            }

            foreach (var victim in lower.OrderByDescending(p => p.Priority).ThenBy(p => p.Order))
            {
                snapshot.Bind(victim, node);
                if (!framework.RunFilters(pod, node).IsSuccess)
                {
                    snapshot.Unbind(victim.Key);
                    victims.Add(victim);
                }
            }
        }
        finally
        {
            foreach (var victim in victims)
            {
                snapshot.Bind(victim, node);
            }
        }

        return victims;
    }
}
