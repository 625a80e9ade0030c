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

    /// <summary>True when every <c>nodeSelector</c> entry equals the node's label.</summary>
    public static bool MatchesNodeSelector(IDictionary<string, string>? nodeSelector, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(node);
        foreach (var (key, value) in nodeSelector ?? new Dictionary<string, string>())
        {
            if (node.Label(key) != value)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when the node satisfies any of the terms (the terms are ORed).</summary>
    public static bool MatchesAny(IList<V1NodeSelectorTerm>? terms, NodeInfo node)
    {
        foreach (var term in terms ?? [])
        {
            if (Matches(term, node))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the node satisfies every requirement of the term; an empty term matches nothing.</summary>
    public static bool Matches(V1NodeSelectorTerm? term, NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var expressions = term?.MatchExpressions ?? [];
        var fields = term?.MatchFields ?? [];
        if (expressions.Count == 0 && fields.Count == 0)
        {
            return false;
        }

        foreach (var requirement in expressions)
        {
            if (!Satisfies(requirement.OperatorProperty, node.Labels.TryGetValue(requirement.Key, out var actual), actual, requirement.Values))
            {
                return false;
            }
        }

        foreach (var requirement in fields)
        {
            if (requirement.Key != "metadata.name" || !Satisfies(requirement.OperatorProperty, true, node.Name, requirement.Values))
            {
                return false;
            }
        }

        return true;
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

    // A pod's nodeSelector and required terms as arrays and sets, built once per pod: the filter runs on
    // hundreds of nodes per cycle.
    private sealed class RequiredNodeSelector
    {
        private readonly (string Key, string Value)[] _selector;
        private readonly Requirement[][]? _terms;
        private readonly (string Op, HashSet<string> Values)[][]? _fields;

        public RequiredNodeSelector(PodInfo pod)
        {
            _selector = pod.NodeSelector?.Select(e => (e.Key, e.Value)).ToArray() ?? [];
            var terms = pod.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution?.NodeSelectorTerms;
            _terms = terms?.Select(t => (t.MatchExpressions ?? []).Select(e => new Requirement(e.Key, e.OperatorProperty, e.Values)).ToArray()).ToArray();
            _fields = terms?.Select(t => (t.MatchFields ?? []).Select(f => (f.Key == "metadata.name" ? f.OperatorProperty : "?", new HashSet<string>(f.Values ?? [], StringComparer.Ordinal))).ToArray()).ToArray();
        }

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

            for (var t = 0; t < _terms.Length; t++)
            {
                if (TermMatches(_terms[t], _fields![t], node))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool TermMatches(Requirement[] expressions, (string Op, HashSet<string> Values)[] fields, NodeInfo node)
        {
            if (expressions.Length == 0 && fields.Length == 0)
            {
                return false;
            }

            foreach (var requirement in expressions)
            {
                if (!requirement.Matches(node))
                {
                    return false;
                }
            }

            foreach (var (op, values) in fields)
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

    private static bool Satisfies(string op, bool present, string? actual, IList<string>? values) => op switch
    {
        "In" => present && values is not null && values.Contains(actual!),
        "NotIn" => !present || values is null || !values.Contains(actual!),
        "Exists" => present,
        "DoesNotExist" => !present,
        "Gt" => present && TryInteger(actual, out var label) && values is { Count: 1 } && TryInteger(values[0], out var bound) && label > bound,
        "Lt" => present && TryInteger(actual, out var label) && values is { Count: 1 } && TryInteger(values[0], out var bound) && label < bound,
        _ => false,
    };

    private static bool TryInteger(string? text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}
