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
    /// <summary>True when <paramref name="labels"/> satisfy <paramref name="selector"/>.</summary>
    public static bool Matches(V1LabelSelector? selector, IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (selector is null)
        {
            return false;
        }

        foreach (var (key, value) in selector.MatchLabels ?? new Dictionary<string, string>())
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        foreach (var requirement in selector.MatchExpressions ?? [])
        {
            if (!Satisfies(requirement.OperatorProperty, labels.TryGetValue(requirement.Key, out var actual), actual, requirement.Values))
            {
                return false;
            }
        }

        return true;
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
        if (!MatchesNodeSelector(pod.NodeSelector, node))
        {
            return false;
        }

        var terms = pod.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution?.NodeSelectorTerms;
        return terms is null || MatchesAny(terms, node);
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
