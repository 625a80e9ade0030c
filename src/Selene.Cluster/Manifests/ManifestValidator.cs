using System.Globalization;
using k8s.Models;
using Selene.Cluster.Resources;
using Selene.Core.Errors;

namespace Selene.Cluster.Manifests;

/// <summary>
/// The checks the Kubernetes API server makes before it stores an object, for the fields the scheduler reads:
/// names, quantities that cannot be negative, taint effects, toleration and selector operators, spread
/// constraints, and references between objects. Each problem names the field and its line.
/// </summary>
public static class ManifestValidator
{
    private static readonly string[] s_effects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];
    private static readonly string[] s_nodeSelectorOperators = ["In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"];
    private static readonly string[] s_labelSelectorOperators = ["In", "NotIn", "Exists", "DoesNotExist"];

    /// <summary>Checks that an object has a name.</summary>
    public static void CheckName(V1ObjectMeta? metadata, string kind, ManifestDocument document, List<InputDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (string.IsNullOrWhiteSpace(metadata?.Name))
        {
            diagnostics.Add(InputDiagnostic.Error(document.File, document.Line, 1, "metadata.name", $"a {kind} needs a name"));
        }
        else if ((kind == "Namespace" ? KubernetesNames.LabelProblem(metadata.Name) : KubernetesNames.SubdomainProblem(metadata.Name)) is { } problem)
        {
            diagnostics.Add(document.Error("metadata.name", problem));
        }

        if (metadata?.NamespaceProperty is { Length: > 0 } ns && KubernetesNames.LabelProblem(ns) is { } nsProblem)
        {
            diagnostics.Add(document.Error("metadata.namespace", nsProblem));
        }
    }

    /// <summary>Checks a node: name, non-negative capacity, valid taints.</summary>
    public static void Check(V1Node node, ManifestDocument document, List<InputDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(node);
        CheckName(node.Metadata, "Node", document, diagnostics);
        CheckQuantities(node.Status?.Capacity, "status.capacity", document, diagnostics);
        CheckQuantities(node.Status?.Allocatable, "status.allocatable", document, diagnostics);
        var taints = node.Spec?.Taints ?? [];
        for (var i = 0; i < taints.Count; i++)
        {
            var path = $"spec.taints[{i}]";
            if (string.IsNullOrEmpty(taints[i].Key))
            {
                diagnostics.Add(document.Error($"{path}.key", "a taint needs a key"));
            }

            if (!s_effects.Contains(taints[i].Effect))
            {
                diagnostics.Add(document.Error($"{path}.effect", $"unknown taint effect '{taints[i].Effect}'; effects are {string.Join(", ", s_effects)}"));
            }
        }
    }

    /// <summary>Checks a pod: requests and limits, tolerations, node affinity, pod affinity and spread constraints.</summary>
    public static void Check(V1Pod pod, ManifestDocument document, List<InputDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(diagnostics);
        CheckName(pod.Metadata, "Pod", document, diagnostics);
        if (pod.Spec is null)
        {
            diagnostics.Add(document.Error("spec", "a Pod needs a spec with at least one container"));
            return;
        }

        CheckContainers(pod.Spec.Containers, "spec.containers", document, diagnostics);
        CheckContainers(pod.Spec.InitContainers, "spec.initContainers", document, diagnostics);
        CheckQuantities(pod.Spec.Overhead, "spec.overhead", document, diagnostics);
        if (pod.Spec.Containers is not { Count: > 0 })
        {
            diagnostics.Add(document.Error("spec.containers", "a Pod needs at least one container"));
        }

        var tolerations = pod.Spec.Tolerations ?? [];
        for (var i = 0; i < tolerations.Count; i++)
        {
            CheckToleration(tolerations[i], $"spec.tolerations[{i}]", document, diagnostics);
        }

        if (pod.Spec.Affinity?.NodeAffinity is { } nodeAffinity)
        {
            var required = nodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution?.NodeSelectorTerms ?? [];
            for (var i = 0; i < required.Count; i++)
            {
                CheckNodeSelectorTerm(required[i], $"spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[{i}]", document, diagnostics);
            }

            var preferred = nodeAffinity.PreferredDuringSchedulingIgnoredDuringExecution ?? [];
            for (var i = 0; i < preferred.Count; i++)
            {
                var path = $"spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[{i}]";
                if (preferred[i].Weight is < 1 or > 100)
                {
                    diagnostics.Add(document.Error($"{path}.weight", "weight must be between 1 and 100"));
                }

                CheckNodeSelectorTerm(preferred[i].Preference, $"{path}.preference", document, diagnostics);
            }
        }

        CheckPodAffinityTerms(pod.Spec.Affinity?.PodAffinity?.RequiredDuringSchedulingIgnoredDuringExecution,
            pod.Spec.Affinity?.PodAffinity?.PreferredDuringSchedulingIgnoredDuringExecution, "spec.affinity.podAffinity", document, diagnostics);
        CheckPodAffinityTerms(pod.Spec.Affinity?.PodAntiAffinity?.RequiredDuringSchedulingIgnoredDuringExecution,
            pod.Spec.Affinity?.PodAntiAffinity?.PreferredDuringSchedulingIgnoredDuringExecution, "spec.affinity.podAntiAffinity", document, diagnostics);

        var spread = pod.Spec.TopologySpreadConstraints ?? [];
        for (var i = 0; i < spread.Count; i++)
        {
            var path = $"spec.topologySpreadConstraints[{i}]";
            if (spread[i].MaxSkew < 1)
            {
                diagnostics.Add(document.Error($"{path}.maxSkew", "maxSkew must be at least 1"));
            }

            if (string.IsNullOrEmpty(spread[i].TopologyKey))
            {
                diagnostics.Add(document.Error($"{path}.topologyKey", "a spread constraint needs a topologyKey"));
            }

            if (spread[i].WhenUnsatisfiable is not ("DoNotSchedule" or "ScheduleAnyway"))
            {
                diagnostics.Add(document.Error($"{path}.whenUnsatisfiable", $"'{spread[i].WhenUnsatisfiable}' is neither DoNotSchedule nor ScheduleAnyway"));
            }

            CheckLabelSelector(spread[i].LabelSelector, $"{path}.labelSelector", document, diagnostics);
        }
    }

    /// <summary>Checks a resource quota's hard limits.</summary>
    public static void Check(V1ResourceQuota quota, ManifestDocument document, List<InputDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(quota);
        CheckName(quota.Metadata, "ResourceQuota", document, diagnostics);
        CheckQuantities(quota.Spec?.Hard, "spec.hard", document, diagnostics);
    }

    /// <summary>Checks references between objects: each pod's priority class must exist. Pods that fail are removed.</summary>
    public static void CheckReferences(ManifestSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var classes = set.PriorityClasses.Select(p => p.Value.Metadata.Name).ToHashSet(StringComparer.Ordinal);
        set.Pods.RemoveAll(pod =>
        {
            var name = pod.Value.Spec.PriorityClassName;
            if (string.IsNullOrEmpty(name) || classes.Contains(name) || name is "system-cluster-critical" or "system-node-critical")
            {
                return false;
            }

            set.Diagnostics.Add(pod.Document.Error("spec.priorityClassName",
                $"Pod {pod.Value.Metadata.Name}: no PriorityClass named '{name}'" + (classes.Count > 0 ? $"; classes are {string.Join(", ", classes.Order(StringComparer.Ordinal))}" : "")));
            return true;
        });
    }

    /// <summary>Checks one toleration as the API server does (<c>ValidateTolerations</c>).</summary>
    public static void CheckToleration(V1Toleration toleration, string path, ManifestDocument document, List<InputDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(toleration);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(diagnostics);
        switch (toleration.OperatorProperty)
        {
            case null or "" or "Equal":
                if (string.IsNullOrEmpty(toleration.Key))
                {
                    diagnostics.Add(document.Error($"{path}.operator", "a toleration with an empty key must use operator Exists"));
                }

                break;
            case "Exists":
                if (!string.IsNullOrEmpty(toleration.Value))
                {
                    diagnostics.Add(document.Error($"{path}.value", "a toleration with operator Exists takes no value"));
                }

                break;
            case "Lt" or "Gt":
                if (!long.TryParse(toleration.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                {
                    diagnostics.Add(document.Error($"{path}.value", $"operator {toleration.OperatorProperty} compares integers; '{toleration.Value}' is not one"));
                }

                break;
            default:
                diagnostics.Add(document.Error($"{path}.operator", $"unknown toleration operator '{toleration.OperatorProperty}'; operators are Equal, Exists, Lt and Gt"));
                break;
        }

        if (!string.IsNullOrEmpty(toleration.Effect) && !s_effects.Contains(toleration.Effect))
        {
            diagnostics.Add(document.Error($"{path}.effect", $"unknown taint effect '{toleration.Effect}'; effects are {string.Join(", ", s_effects)}"));
        }

        if (toleration.TolerationSeconds is not null && toleration.Effect != "NoExecute")
        {
            diagnostics.Add(document.Error($"{path}.tolerationSeconds", "tolerationSeconds applies only to effect NoExecute"));
        }
    }

    private static void CheckContainers(IList<V1Container>? containers, string path, ManifestDocument document, List<InputDiagnostic> diagnostics)
    {
        for (var i = 0; i < (containers?.Count ?? 0); i++)
        {
            var container = containers![i];
            CheckQuantities(container.Resources?.Requests, $"{path}[{i}].resources.requests", document, diagnostics);
            CheckQuantities(container.Resources?.Limits, $"{path}[{i}].resources.limits", document, diagnostics);
            foreach (var (name, request) in container.Resources?.Requests ?? new Dictionary<string, ResourceQuantity>())
            {
                if (container.Resources?.Limits is { } limits && limits.TryGetValue(name, out var limit) && request is not null && limit is not null
                    && Quantities.TryValue(request, out var requested) && Quantities.TryValue(limit, out var limited) && requested > limited)
                {
                    diagnostics.Add(document.Error($"{path}[{i}].resources.requests.{name}", $"request {requested.ToString(CultureInfo.InvariantCulture)} is above the limit {limited.ToString(CultureInfo.InvariantCulture)}"));
                }
            }
        }
    }

    private static void CheckQuantities(IDictionary<string, ResourceQuantity>? quantities, string path, ManifestDocument document, List<InputDiagnostic> diagnostics)
    {
        foreach (var (name, quantity) in quantities ?? new Dictionary<string, ResourceQuantity>())
        {
            if (quantity is null)
            {
                diagnostics.Add(document.Error($"{path}.{name}", "a quantity is required"));
            }
            else if (!Quantities.TryValue(quantity, out var value))
            {
                diagnostics.Add(document.Error($"{path}.{name}", "not a quantity Selene can count (not a number, or beyond 8×10¹⁵)"));
            }
            else if (value < 0)
            {
                diagnostics.Add(document.Error($"{path}.{name}", $"{value.ToString(CultureInfo.InvariantCulture)} is negative; quantities here must be zero or more"));
            }
        }
    }

    private static void CheckNodeSelectorTerm(V1NodeSelectorTerm? term, string path, ManifestDocument document, List<InputDiagnostic> diagnostics)
    {
        var expressions = term?.MatchExpressions ?? [];
        for (var i = 0; i < expressions.Count; i++)
        {
            CheckRequirement(expressions[i].Key, expressions[i].OperatorProperty, expressions[i].Values, s_nodeSelectorOperators, $"{path}.matchExpressions[{i}]", document, diagnostics);
        }

        var fields = term?.MatchFields ?? [];
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i].Key != "metadata.name")
            {
                diagnostics.Add(document.Error($"{path}.matchFields[{i}].key", "matchFields supports only metadata.name"));
            }

            CheckRequirement(fields[i].Key, fields[i].OperatorProperty, fields[i].Values, ["In", "NotIn"], $"{path}.matchFields[{i}]", document, diagnostics);
        }
    }

    private static void CheckPodAffinityTerms(IList<V1PodAffinityTerm>? required, IList<V1WeightedPodAffinityTerm>? preferred, string path, ManifestDocument document, List<InputDiagnostic> diagnostics)
    {
        for (var i = 0; i < (required?.Count ?? 0); i++)
        {
            CheckPodAffinityTerm(required![i], $"{path}.requiredDuringSchedulingIgnoredDuringExecution[{i}]", document, diagnostics);
        }

        for (var i = 0; i < (preferred?.Count ?? 0); i++)
        {
            var termPath = $"{path}.preferredDuringSchedulingIgnoredDuringExecution[{i}]";
            if (preferred![i].Weight is < 1 or > 100)
            {
                diagnostics.Add(document.Error($"{termPath}.weight", "weight must be between 1 and 100"));
            }

            CheckPodAffinityTerm(preferred[i].PodAffinityTerm, $"{termPath}.podAffinityTerm", document, diagnostics);
        }
    }

    private static void CheckPodAffinityTerm(V1PodAffinityTerm? term, string path, ManifestDocument document, List<InputDiagnostic> diagnostics)
    {
        if (string.IsNullOrEmpty(term?.TopologyKey))
        {
            diagnostics.Add(document.Error($"{path}.topologyKey", "a pod affinity term needs a topologyKey"));
        }

        CheckLabelSelector(term?.LabelSelector, $"{path}.labelSelector", document, diagnostics);
        CheckLabelSelector(term?.NamespaceSelector, $"{path}.namespaceSelector", document, diagnostics);
    }

    private static void CheckLabelSelector(V1LabelSelector? selector, string path, ManifestDocument document, List<InputDiagnostic> diagnostics)
    {
        var expressions = selector?.MatchExpressions ?? [];
        for (var i = 0; i < expressions.Count; i++)
        {
            CheckRequirement(expressions[i].Key, expressions[i].OperatorProperty, expressions[i].Values, s_labelSelectorOperators, $"{path}.matchExpressions[{i}]", document, diagnostics);
        }
    }

    private static void CheckRequirement(string? key, string? op, IList<string>? values, string[] operators, string path, ManifestDocument document, List<InputDiagnostic> diagnostics)
    {
        if (string.IsNullOrEmpty(key))
        {
            diagnostics.Add(document.Error($"{path}.key", "a requirement needs a key"));
        }

        if (!operators.Contains(op))
        {
            diagnostics.Add(document.Error($"{path}.operator", $"unknown operator '{op}'; operators are {string.Join(", ", operators)}"));
            return;
        }

        var count = values?.Count ?? 0;
        switch (op)
        {
            case "In" or "NotIn" when count == 0:
                diagnostics.Add(document.Error($"{path}.values", $"operator {op} needs at least one value"));
                break;
            case "Exists" or "DoesNotExist" when count > 0:
                diagnostics.Add(document.Error($"{path}.values", $"operator {op} takes no values"));
                break;
            case "Gt" or "Lt" when count != 1 || !long.TryParse(values![0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _):
                diagnostics.Add(document.Error($"{path}.values", $"operator {op} needs exactly one integer value"));
                break;
        }
    }
}
