using k8s.Models;
using Selene.Cluster.Scheduling.Framework;

namespace Selene.Cluster.Scheduling.Plugins;

/// <summary>
/// Inter-pod affinity and anti-affinity (kube-scheduler's <c>InterPodAffinity</c>). Filter rejects a node when a
/// pod already in its topology domain has a required anti-affinity term matching the incoming pod, when the
/// incoming pod's required affinity terms find no matching pod in the node's domain (unless no pod matches
/// anywhere and the pod matches its own terms — the first of a group), or when its required anti-affinity terms
/// find one. Score adds preferred terms' weights both ways (and weight 1 for existing pods' required affinity
/// terms that match the incoming pod, <c>hardPodAffinityWeight</c>), by topology domain, normalised min–max.
/// </summary>
public sealed class InterPodAffinity : IPreFilterPlugin, IFilterPlugin, IPreScorePlugin, IScorePlugin
{
    /// <summary>kube-scheduler's reason for an existing pod's anti-affinity.</summary>
    public const string ExistingAntiAffinity = "node(s) didn't satisfy existing pods anti-affinity rules";

    /// <summary>kube-scheduler's reason for the pod's affinity.</summary>
    public const string AffinityNotMatch = "node(s) didn't match pod affinity rules";

    /// <summary>kube-scheduler's reason for the pod's anti-affinity.</summary>
    public const string AntiAffinityNotMatch = "node(s) didn't match pod anti-affinity rules";

    private const string FilterKey = "InterPodAffinity/filter";
    private const string ScoreKey = "InterPodAffinity/score";
    private const long HardPodAffinityWeight = 1;

    private ClusterSnapshot? _snapshot;

    /// <inheritdoc />
    public string Name => nameof(InterPodAffinity);

    /// <inheritdoc />
    public Status PreFilter(CycleState state, PodInfo pod, ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(snapshot);
        _snapshot = snapshot;
        if (!pod.HasPodAffinityTerms && snapshot.PodsWithRequiredAntiAffinity == 0)
        {
            return Status.Skip;
        }

        var terms = Terms(pod);
        var existingAnti = new Dictionary<(string, string), int>();
        var affinity = new Dictionary<(string, string), int>();
        var anti = new Dictionary<(string, string), int>();
        foreach (var node in snapshot.Nodes)
        {
            var withAnti = node.PodsWithRequiredAntiAffinity > 0;
            if (!withAnti && terms.RequiredAffinity.Length == 0 && terms.RequiredAnti.Length == 0)
            {
                continue;
            }

            foreach (var existing in node.Pods)
            {
                if (withAnti && existing.HasRequiredAntiAffinity)
                {
                    foreach (var term in Terms(existing).RequiredAnti)
                    {
                        Count(existingAnti, term, node, term.Matches(pod, Labels(pod.Namespace)) ? 1 : 0);
                    }
                }

                foreach (var term in terms.RequiredAffinity)
                {
                    Count(affinity, term, node, term.Matches(existing, Labels(existing.Namespace)) ? 1 : 0);
                }

                foreach (var term in terms.RequiredAnti)
                {
                    Count(anti, term, node, term.Matches(existing, Labels(existing.Namespace)) ? 1 : 0);
                }
            }
        }

        if (existingAnti.Count == 0 && terms.RequiredAffinity.Length == 0 && terms.RequiredAnti.Length == 0)
        {
            return Status.Skip;
        }

        state.Write(FilterKey, new FilterState(terms, existingAnti, affinity, anti));
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

        foreach (var ((key, value), count) in s.ExistingAnti)
        {
            if (count > 0 && node.Label(key) == value)
            {
                return Status.Unschedulable(ExistingAntiAffinity);
            }
        }

        if (s.Terms.RequiredAffinity.Length > 0)
        {
            var satisfied = true;
            foreach (var term in s.Terms.RequiredAffinity)
            {
                if (node.Label(term.TopologyKey) is not { } value || s.Affinity.GetValueOrDefault((term.TopologyKey, value)) <= 0)
                {
                    satisfied = false;
                    break;
                }
            }

            if (!satisfied && !(s.Affinity.Values.All(c => c == 0) && s.Terms.RequiredAffinity.All(t => t.Matches(pod, Labels(pod.Namespace)))))
            {
                return Status.Unresolvable(AffinityNotMatch);
            }
        }

        foreach (var term in s.Terms.RequiredAnti)
        {
            if (node.Label(term.TopologyKey) is { } value && s.Anti.GetValueOrDefault((term.TopologyKey, value)) > 0)
            {
                return Status.Unschedulable(AntiAffinityNotMatch);
            }
        }

        return Status.Success;
    }

    /// <inheritdoc />
    public Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> feasible, ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(snapshot);
        _snapshot = snapshot;
        if (!pod.HasPodAffinityTerms && snapshot.PodsWithAffinity == 0)
        {
            return Status.Skip;
        }

        var terms = Terms(pod);
        var hasConstraints = terms.PreferredAffinity.Length > 0 || terms.PreferredAnti.Length > 0;
        var scores = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        var any = false;
        foreach (var node in snapshot.Nodes)
        {
            if (!hasConstraints && node.PodsWithAffinity == 0)
            {
                continue;
            }

            foreach (var existing in node.Pods)
            {
                if (!hasConstraints && !existing.HasPodAffinityTerms)
                {
                    continue;
                }

                any = true;
                var existingLabels = Labels(existing.Namespace);
                var incomingLabels = Labels(pod.Namespace);
                foreach (var (term, weight) in terms.PreferredAffinity)
                {
                    Add(scores, term, node, term.Matches(existing, existingLabels) ? weight : 0);
                }

                foreach (var (term, weight) in terms.PreferredAnti)
                {
                    Add(scores, term, node, term.Matches(existing, existingLabels) ? -weight : 0);
                }

                if (!existing.HasPodAffinityTerms)
                {
                    continue;
                }

                var theirs = Terms(existing);
                foreach (var term in theirs.RequiredAffinity)
                {
                    Add(scores, term, node, term.Matches(pod, incomingLabels) ? HardPodAffinityWeight : 0);
                }

                foreach (var (term, weight) in theirs.PreferredAffinity)
                {
                    Add(scores, term, node, term.Matches(pod, incomingLabels) ? weight : 0);
                }

                foreach (var (term, weight) in theirs.PreferredAnti)
                {
                    Add(scores, term, node, term.Matches(pod, incomingLabels) ? -weight : 0);
                }
            }
        }

        if (!hasConstraints && !any)
        {
            return Status.Skip;
        }

        state.Write(ScoreKey, new ScoreState(scores));
        return Status.Success;
    }

    /// <inheritdoc />
    public long Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(node);
        if (state.Read<ScoreState>(ScoreKey) is not { } s)
        {
            return 0;
        }

        long score = 0;
        foreach (var (key, values) in s.Scores)
        {
            if (node.Label(key) is { } value)
            {
                score += values.GetValueOrDefault(value);
            }
        }

        return score;
    }

    /// <inheritdoc />
    public void NormalizeScore(CycleState state, PodInfo pod, Span<long> scores)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Read<ScoreState>(ScoreKey) is not { Scores.Count: > 0 })
        {
            return;
        }

        long min = long.MaxValue, max = long.MinValue;
        foreach (var score in scores)
        {
            min = Math.Min(min, score);
            max = Math.Max(max, score);
        }

        var range = max - min;
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = range > 0 ? (long)(ScoreNormalizer.MaxNodeScore * ((double)(scores[i] - min) / range)) : 0;
        }
    }

    private IReadOnlyDictionary<string, string> Labels(string ns) =>
        _snapshot?.Namespaces.TryGetValue(ns, out var value) == true && value.Metadata.Labels is { } labels
            ? (IReadOnlyDictionary<string, string>)labels
            : s_noLabels;

    private static readonly Dictionary<string, string> s_noLabels = [];

    private static void Count(Dictionary<(string, string), int> counts, AffinityTerm term, NodeInfo node, int amount)
    {
        if (amount != 0 && node.Label(term.TopologyKey) is { } value)
        {
            counts[(term.TopologyKey, value)] = counts.GetValueOrDefault((term.TopologyKey, value)) + amount;
        }
    }

    private static void Add(Dictionary<string, Dictionary<string, long>> scores, AffinityTerm term, NodeInfo node, long amount)
    {
        if (amount == 0 || node.Label(term.TopologyKey) is not { } value)
        {
            return;
        }

        if (!scores.TryGetValue(term.TopologyKey, out var values))
        {
            values = new Dictionary<string, long>(StringComparer.Ordinal);
            scores.Add(term.TopologyKey, values);
        }

        values[value] = values.GetValueOrDefault(value) + amount;
    }

    private static CompiledTerms Terms(PodInfo pod)
    {
        if (pod.CompiledAffinity is CompiledTerms compiled)
        {
            return compiled;
        }

        var affinity = pod.PodAffinity;
        var anti = pod.PodAntiAffinity;
        compiled = new CompiledTerms(
            (affinity?.RequiredDuringSchedulingIgnoredDuringExecution ?? []).Select(t => new AffinityTerm(t, pod.Namespace)).ToArray(),
            (anti?.RequiredDuringSchedulingIgnoredDuringExecution ?? []).Select(t => new AffinityTerm(t, pod.Namespace)).ToArray(),
            (affinity?.PreferredDuringSchedulingIgnoredDuringExecution ?? []).Select(w => (new AffinityTerm(w.PodAffinityTerm, pod.Namespace), (long)w.Weight)).ToArray(),
            (anti?.PreferredDuringSchedulingIgnoredDuringExecution ?? []).Select(w => (new AffinityTerm(w.PodAffinityTerm, pod.Namespace), (long)w.Weight)).ToArray());
        pod.CompiledAffinity = compiled;
        return compiled;
    }

    private sealed record CompiledTerms(AffinityTerm[] RequiredAffinity, AffinityTerm[] RequiredAnti, (AffinityTerm Term, long Weight)[] PreferredAffinity, (AffinityTerm Term, long Weight)[] PreferredAnti);

    private sealed record FilterState(CompiledTerms Terms, Dictionary<(string, string), int> ExistingAnti, Dictionary<(string, string), int> Affinity, Dictionary<(string, string), int> Anti);

    private sealed record ScoreState(Dictionary<string, Dictionary<string, long>> Scores);

    // A term with its namespaces resolved: the listed ones, those its namespaceSelector matches (an empty
    // selector matches all), or, with neither, the namespace of the pod that carries the term.
    private sealed class AffinityTerm(V1PodAffinityTerm term, string ownNamespace)
    {
        private readonly HashSet<string> _namespaces = term.Namespaces is { Count: > 0 } listed || term.NamespaceSelector is not null
            ? new HashSet<string>(term.Namespaces ?? [], StringComparer.Ordinal)
            : new HashSet<string>([ownNamespace], StringComparer.Ordinal);

        public string TopologyKey { get; } = term.TopologyKey;

        public bool Matches(PodInfo pod, IReadOnlyDictionary<string, string> namespaceLabels) =>
            (_namespaces.Contains(pod.Namespace) || (term.NamespaceSelector is { } selector && Selectors.Matches(selector, namespaceLabels)))
            && Selectors.Matches(term.LabelSelector, pod.Labels);
    }
}
