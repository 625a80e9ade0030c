using k8s.Models;
using Selene.Cluster.Scheduling.Framework;
using Selene.Cluster.Taints;

namespace Selene.Cluster.Scheduling.Plugins;

/// <summary>
/// Pod topology spread (kube-scheduler's <c>PodTopologySpread</c>). For <c>DoNotSchedule</c> constraints, Filter
/// rejects a node when matching pods in its domain, plus the pod itself if it matches, would exceed the least
/// populated domain by more than <c>maxSkew</c> (the minimum counts as 0 while fewer than <c>minDomains</c>
/// domains exist), and rejects nodes without the topology label. For <c>ScheduleAnyway</c> constraints, Score
/// gives each node count × log(domains + 2) + maxSkew − 1, normalised so the emptiest domain scores 100.
/// Domains are counted over nodes that match the pod's node affinity (<c>nodeAffinityPolicy: Honor</c>) and
/// carry every constraint's key; taints are ignored unless <c>nodeTaintsPolicy: Honor</c>.
/// </summary>
public sealed class PodTopologySpread : IPreFilterPlugin, IFilterPlugin, IPreScorePlugin, IScorePlugin
{
    /// <summary>kube-scheduler's reason when the skew would be too large.</summary>
    public const string ConstraintsNotMatch = "node(s) didn't match pod topology spread constraints";

    /// <summary>kube-scheduler's reason when the node lacks a constraint's topology label.</summary>
    public const string MissingLabel = ConstraintsNotMatch + " (missing required label)";

    private const string FilterKey = "PodTopologySpread/filter";
    private const string ScoreKey = "PodTopologySpread/score";

    /// <inheritdoc />
    public string Name => nameof(PodTopologySpread);

    /// <inheritdoc />
    public Status PreFilter(CycleState state, PodInfo pod, ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(snapshot);
        var constraints = Constraints(pod, "DoNotSchedule");
        if (constraints.Length == 0)
        {
            return Status.Skip;
        }

        var counts = constraints.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        if (constraints.Length == 1 && !HasNodeFilter(pod, constraints[0]))
        {
            // Every node with the key is eligible: the domains are the key's values.
            foreach (var value in snapshot.NodeLabelValues(constraints[0].TopologyKey).Keys)
            {
                counts[0].Add(value, 0);
            }
        }
        else
        {
            foreach (var node in snapshot.Nodes)
            {
                if (Eligible(pod, node, constraints))
                {
                    for (var i = 0; i < constraints.Length; i++)
                    {
                        counts[i].TryAdd(node.Label(constraints[i].TopologyKey)!, 0);
                    }
                }
            }
        }

        CountPods(pod, snapshot, constraints, counts, onlyKnownDomains: false);
        var minimums = constraints.Select((c, i) => counts[i].Count < c.MinDomains || counts[i].Count == 0 ? 0 : counts[i].Values.Min()).ToArray();
        state.Write(FilterKey, new FilterState(constraints, counts, minimums));
        return Status.Success;
    }

    /// <inheritdoc />
    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        if (state.Read<FilterState>(FilterKey) is not { } s)
        {
            return Status.Success;
        }

        for (var i = 0; i < s.Constraints.Length; i++)
        {
            var c = s.Constraints[i];
            if (node.Label(c.TopologyKey) is not { } value)
            {
                return Status.Unresolvable(MissingLabel);
            }

            var self = Selectors.Matches(c.Selector, pod.Labels) ? 1 : 0;
            if (s.Counts[i].GetValueOrDefault(value) + self - s.Minimums[i] > c.MaxSkew)
            {
                return Status.Unschedulable(ConstraintsNotMatch);
            }
        }

        return Status.Success;
    }

    /// <inheritdoc />
    public Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> feasible, ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(feasible);
        ArgumentNullException.ThrowIfNull(snapshot);
        var constraints = Constraints(pod, "ScheduleAnyway");
        if (constraints.Length == 0)
        {
            return Status.Skip;
        }

        var ignored = new HashSet<NodeInfo>();
        var counts = constraints.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        var domains = new int[constraints.Length];
        foreach (var node in feasible)
        {
            if (!constraints.All(c => node.Labels.ContainsKey(c.TopologyKey)))
            {
                ignored.Add(node);
                continue;
            }

            for (var i = 0; i < constraints.Length; i++)
            {
                if (constraints[i].TopologyKey != "kubernetes.io/hostname" && counts[i].TryAdd(node.Label(constraints[i].TopologyKey)!, 0))
                {
                    domains[i]++;
                }
            }
        }

        CountPods(pod, snapshot, constraints, counts, onlyKnownDomains: true);

        var weights = new double[constraints.Length];
        for (var i = 0; i < constraints.Length; i++)
        {
            var size = constraints[i].TopologyKey == "kubernetes.io/hostname" ? feasible.Count - ignored.Count : domains[i];
            weights[i] = Math.Log(size + 2);
        }

        state.Write(ScoreKey, new ScoreState(constraints, counts, weights, ignored));
        return Status.Success;
    }

    /// <inheritdoc />
    public long Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        if (state.Read<ScoreState>(ScoreKey) is not { } s || s.Ignored.Contains(node))
        {
            return Ignored;
        }

        var score = 0.0;
        for (var i = 0; i < s.Constraints.Length; i++)
        {
            var c = s.Constraints[i];
            if (node.Label(c.TopologyKey) is not { } value)
            {
                continue;
            }

            var count = c.TopologyKey == "kubernetes.io/hostname" ? CountMatching(node, c.Selector, pod.Namespace) : s.Counts[i].GetValueOrDefault(value);
            score += (count * s.Weights[i]) + (c.MaxSkew - 1);
        }

        return (long)Math.Round(score, MidpointRounding.AwayFromZero);
    }

    /// <inheritdoc />
    public void NormalizeScore(CycleState state, PodInfo pod, Span<long> scores)
    {
        var min = long.MaxValue;
        long max = 0;
        foreach (var score in scores)
        {
            if (score == Ignored)
            {
                continue;
            }

            min = Math.Min(min, score);
            max = Math.Max(max, score);
        }

        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = scores[i] == Ignored ? 0
                : max == 0 ? ScoreNormalizer.MaxNodeScore
                : ScoreNormalizer.MaxNodeScore * (max + min - scores[i]) / max;
        }
    }

    private const long Ignored = long.MinValue;

    // Counts the namespace's bound pods that match each constraint's selector into their node's domain, for
    // nodes that are eligible (PreFilter: every such domain; PreScore: only domains of feasible nodes).
    private static void CountPods(PodInfo pod, ClusterSnapshot snapshot, Constraint[] constraints, Dictionary<string, int>[] counts, bool onlyKnownDomains)
    {
        var simple = constraints.Length == 1 && !HasNodeFilter(pod, constraints[0]);
        Dictionary<NodeInfo, bool>? eligible = null;
        foreach (var (other, node) in Candidates(pod, snapshot, constraints))
        {
            if (other.Pod.Metadata.DeletionTimestamp is not null)
            {
                continue;
            }

            for (var i = 0; i < constraints.Length; i++)
            {
                var key = constraints[i].TopologyKey;
                if ((onlyKnownDomains && key == "kubernetes.io/hostname") || !Selectors.Matches(constraints[i].Selector, other.Labels))
                {
                    continue;
                }

                // With one constraint and no node filter, a node is eligible exactly when it has the key.
                bool ok;
                if (simple)
                {
                    ok = true;
                }
                else
                {
                    eligible ??= [];
                    if (!eligible.TryGetValue(node, out ok))
                    {
                        ok = Eligible(pod, node, constraints);
                        eligible.Add(node, ok);
                    }
                }

                if (ok && node.Label(key) is { } value && (!onlyKnownDomains || counts[i].ContainsKey(value)))
                {
                    counts[i][value] = counts[i].GetValueOrDefault(value) + 1;
                }
            }
        }
    }

    // The namespace's pods that can match every constraint's selector: those carrying the rarest of the
    // matchLabels all selectors share, else all of them.
    private static IReadOnlyCollection<(PodInfo Pod, NodeInfo Node)> Candidates(PodInfo pod, ClusterSnapshot snapshot, Constraint[] constraints)
    {
        IReadOnlyCollection<(PodInfo, NodeInfo)>? best = null;
        if (constraints.Length == 1 && constraints[0].Selector.MatchLabels is { Count: > 0 } labels)
        {
            foreach (var (key, value) in labels)
            {
                var labelled = snapshot.PodsLabelled(pod.Namespace, key, value);
                if (best is null || labelled.Count < best.Count)
                {
                    best = labelled;
                }
            }
        }

        return best ?? snapshot.PodsIn(pod.Namespace);
    }

    private static bool HasNodeFilter(PodInfo pod, Constraint constraint) =>
        (constraint.HonorNodeAffinity && (pod.NodeSelector is not null || pod.NodeAffinity is not null)) || constraint.HonorTaints;

    private static bool Eligible(PodInfo pod, NodeInfo node, Constraint[] constraints)
    {
        foreach (var c in constraints)
        {
            if (!node.Labels.ContainsKey(c.TopologyKey))
            {
                return false;
            }
        }

        if (constraints[0].HonorNodeAffinity && (pod.NodeSelector is not null || pod.NodeAffinity is not null) && !Selectors.MatchesRequiredNodeAffinity(pod, node))
        {
            return false;
        }

        return !constraints[0].HonorTaints || node.Taints.All(t => !TolerationMatcher.IsHardEffect(t.Effect) || pod.Tolerations.Any(tol => TolerationMatcher.Tolerates(tol, t)));
    }

    private static int CountMatching(NodeInfo node, V1LabelSelector selector, string ns)
    {
        var count = 0;
        foreach (var other in node.Pods)
        {
            if (other.Namespace == ns && other.Pod.Metadata.DeletionTimestamp is null && Selectors.Matches(selector, other.Labels))
            {
                count++;
            }
        }

        return count;
    }

    private static Constraint[] Constraints(PodInfo pod, string whenUnsatisfiable)
    {
        if (pod.SpreadConstraints.Count == 0)
        {
            return [];
        }

        return pod.SpreadConstraints.Where(c => c.WhenUnsatisfiable == whenUnsatisfiable).Select(c => new Constraint(
            c.MaxSkew, c.TopologyKey, WithMatchLabelKeys(c, pod), c.MinDomains ?? 1,
            c.NodeAffinityPolicy != "Ignore", c.NodeTaintsPolicy == "Honor")).ToArray();
    }

    // matchLabelKeys adds "key In (the pod's value)" for each key the pod has.
    private static V1LabelSelector WithMatchLabelKeys(V1TopologySpreadConstraint c, PodInfo pod)
    {
        var selector = c.LabelSelector ?? new V1LabelSelector();
        if (c.MatchLabelKeys is not { Count: > 0 } keys)
        {
            return selector;
        }

        var expressions = new List<V1LabelSelectorRequirement>(selector.MatchExpressions ?? []);
        foreach (var key in keys)
        {
            if (pod.Labels.TryGetValue(key, out var value))
            {
                expressions.Add(new V1LabelSelectorRequirement { Key = key, OperatorProperty = "In", Values = [value] });
            }
        }

        return new V1LabelSelector { MatchLabels = selector.MatchLabels, MatchExpressions = expressions };
    }

    private sealed record Constraint(int MaxSkew, string TopologyKey, V1LabelSelector Selector, int MinDomains, bool HonorNodeAffinity, bool HonorTaints);

    private sealed record FilterState(Constraint[] Constraints, Dictionary<string, int>[] Counts, int[] Minimums);

    private sealed record ScoreState(Constraint[] Constraints, Dictionary<string, int>[] Counts, double[] Weights, HashSet<NodeInfo> Ignored);
}
