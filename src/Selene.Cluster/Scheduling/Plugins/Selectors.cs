using System.Globalization;
using k8s.Models;
using Selene.Cluster.Scheduling.Framework;

namespace Selene.Cluster.Scheduling.Plugins;

/// <summary>
/// Kubernetes' selector rules: label selectors (<c>matchLabels</c> and <c>In</c>/<c>NotIn</c>/<c>Exists</c>/
/// <c>DoesNotExist</c>; an empty selector matches everything, a null one nothing) and node selector terms (the
/// same operators plus <c>Gt</c>/<c>Lt</c> on integer label values, and <c>matchFields</c> on <c>metadata.name</c>;
/// an empty term matches no node).
/// </summary>
public static class Selectors
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<V1LabelSelector, LabelSelector> s_compiled = [];

    /// <summary>True when <paramref name="labels"/> satisfy <paramref name="selector"/>.</summary>
    public static bool Matches(V1LabelSelector? selector, IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return selector is not null && s_compiled.GetValue(selector, static s => new LabelSelector(s)).Matches(labels);
    }

    // A label selector as arrays and sets, built once per selector object: spread and affinity checks run it
    // against many pods per cycle.
    private sealed class LabelSelector(V1LabelSelector selector)
    {
        private readonly (string Key, string Value)[] _labels = selector.MatchLabels?.Select(e => (e.Key, e.Value)).ToArray() ?? [];
        private readonly (string Key, string Op, HashSet<string> Values)[] _expressions =
            selector.MatchExpressions?.Select(e => (e.Key, e.OperatorProperty, new HashSet<string>(e.Values ?? [], StringComparer.Ordinal))).ToArray() ?? [];

        public bool Matches(IReadOnlyDictionary<string, string> labels)
        {
            foreach (var (key, value) in _labels)
            {
                if (!labels.TryGetValue(key, out var actual) || actual != value)
                {
                    return false;
                }
            }

            foreach (var (key, op, values) in _expressions)
            {
                var present = labels.TryGetValue(key, out var actual);
                var ok = op switch
                {
                    "In" => present && values.Contains(actual!),
                    "NotIn" => !present || !values.Contains(actual!),
                    "Exists" => present,
                    "DoesNotExist" => !present,
                    _ => false,
                };
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<V1NodeSelectorTerm, NodeSelectorTerm> s_terms = [];

    /// <summary>True when the node satisfies every requirement of the term; an empty term matches nothing.</summary>
    public static bool Matches(V1NodeSelectorTerm? term, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return term is not null && Compiled(term).Matches(node);
    }

    /// <summary>The node's labels satisfy the pod's <c>nodeSelector</c> and required node affinity.</summary>
    public static bool MatchesRequiredNodeAffinity(PodInfo pod, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(node);
        if (pod.CompiledNodeSelector is not RequiredNodeSelector compiled)
        {
            compiled = new RequiredNodeSelector(pod);
            pod.CompiledNodeSelector = compiled;
        }

        return compiled.Matches(node);
    }

    private static NodeSelectorTerm Compiled(V1NodeSelectorTerm term) => s_terms.GetValue(term, static t => new NodeSelectorTerm(t));

    // A pod's nodeSelector and required terms (ORed), built once per pod: the filter runs on hundreds of nodes
    // per cycle.
    private sealed class RequiredNodeSelector(PodInfo pod)
    {
        private readonly (string Key, string Value)[] _selector = pod.NodeSelector?.Select(e => (e.Key, e.Value)).ToArray() ?? [];
        private readonly NodeSelectorTerm[]? _terms = pod.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution?.NodeSelectorTerms?.Select(Compiled).ToArray();

        public bool Matches(NodeInfo node)
        {
            foreach (var (key, value) in _selector)
            {
                if (node.Label(key) != value)
                {
                    return false;
                }
            }

            if (_terms is null)
            {
                return true;
            }

            foreach (var term in _terms)
            {
                if (term.Matches(node))
                {
                    return true;
                }
            }

            return false;
        }
    }

    // A node selector term as arrays and sets: its expressions and fields are ANDed; an empty term matches nothing.
    private sealed class NodeSelectorTerm(V1NodeSelectorTerm term)
    {
        private readonly Requirement[] _expressions = (term.MatchExpressions ?? []).Select(e => new Requirement(e.Key, e.OperatorProperty, e.Values)).ToArray();
        private readonly (string Op, HashSet<string> Values)[] _fields = (term.MatchFields ?? [])
            .Select(f => (f.Key == "metadata.name" ? f.OperatorProperty : "?", new HashSet<string>(f.Values ?? [], StringComparer.Ordinal))).ToArray();

        public bool Matches(NodeInfo node)
        {
            if (_expressions.Length == 0 && _fields.Length == 0)
            {
                return false;
            }

            foreach (var requirement in _expressions)
            {
                if (!requirement.Matches(node))
                {
                    return false;
                }
            }

            foreach (var (op, values) in _fields)
            {
                var inSet = values.Contains(node.Name);
                if (!(op == "In" ? inSet : op == "NotIn" && !inSet))
                {
                    return false;
                }
            }

            return true;
        }
    }

    private sealed class Requirement(string key, string op, IList<string>? values)
    {
        private readonly HashSet<string> _values = new(values ?? [], StringComparer.Ordinal);
        private readonly long? _bound = values is { Count: 1 } && TryInteger(values[0], out var bound) ? bound : null;

        public bool Matches(NodeInfo node)
        {
            var present = node.Labels.TryGetValue(key, out var actual);
            return op switch
            {
                "In" => present && _values.Contains(actual!),
                "NotIn" => !present || !_values.Contains(actual!),
                "Exists" => present,
                "DoesNotExist" => !present,
                "Gt" => present && _bound is { } gt && TryInteger(actual, out var label) && label > gt,
                "Lt" => present && _bound is { } lt && TryInteger(actual, out var label) && label < lt,
                _ => false,
            };
        }
    }

    private static bool TryInteger(string? text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}
