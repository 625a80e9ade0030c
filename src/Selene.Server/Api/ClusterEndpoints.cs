using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Selene.Cluster.Scheduling;
using Selene.Cluster.Scheduling.Extender;

namespace Selene.Server.Api;

/// <summary>
/// The cluster the extender serves, over REST: nodes with their labels, taints, capacity and bound pods
/// (<c>/api/nodes</c>), pods (<c>/api/pods</c>), and operators' taints (<c>POST /api/nodes/{name}/taints</c>,
/// <c>DELETE /api/nodes/{name}/taints?key=K</c>), which Selene's own scheduler honours from its next cycle (kube-scheduler
/// reads the taints of the real Node objects; the extender's space plugins read none).
/// </summary>
public static partial class ClusterEndpoints
{
    private static readonly string[] s_effects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

    /// <summary>Maps the endpoints: reads on <paramref name="read"/>, changes on <paramref name="operate"/>.</summary>
    public static void Map(IEndpointRouteBuilder read, IEndpointRouteBuilder operate)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(operate);
        read.MapGet("/api/nodes", (ExtenderService service) => Results.Json(service.WithCluster(Nodes)));
        read.MapGet("/api/nodes/{name}", (string name, ExtenderService service) =>
            service.WithCluster(c => Nodes(c).FirstOrDefault(n => n.Name == name)) is { } node ? Results.Json(node) : NoSuchNode(name));
        read.MapGet("/api/pods", (ExtenderService service) => Results.Json(service.WithCluster(c => c.Store.List<V1Pod>()
            .OrderBy(p => p.Metadata.NamespaceProperty, StringComparer.Ordinal).ThenBy(p => p.Metadata.Name, StringComparer.Ordinal)
            .Select(p => new PodView(p.Metadata.NamespaceProperty ?? "default", p.Metadata.Name, p.Spec?.NodeName, p.Status?.Phase ?? (p.Spec?.NodeName is null ? "Pending" : "Bound")))
            .ToList())));
        operate.MapPost("/api/nodes/{name}/taints", async (string name, HttpContext context, ExtenderService service) =>
        {
            var (body, problem) = await Problems.ReadObject(context);
            if (problem is not null)
            {
                return problem;
            }

            using (body)
            {
                var root = body!.RootElement;
                var key = Problems.Text(root, "key");
                var value = root.TryGetProperty("value", out _) ? Problems.Text(root, "value") : "";
                var effect = Problems.Text(root, "effect");
                if (key is null || !IsQualifiedName(key))
                {
                    return Problems.Of(400, "key", "key must be a qualified name: an optional DNS-subdomain prefix and '/', then up to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
                }

                if (value is null || (value.Length > 0 && !IsLabelValue(value)))
                {
                    return Problems.Of(400, "value", "value must be a string of up to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
                }

                if (effect is null || !s_effects.Contains(effect))
                {
                    return Problems.Of(400, "effect", $"effect must be one of {string.Join(", ", s_effects)}");
                }

                var taint = new V1Taint { Effect = effect, Key = key, Value = value.Length > 0 ? value : null };
                var changed = service.WithCluster(c => Retaint(c, name, taints => taints.Where(t => t.Key != key || t.Effect != effect).Append(taint)));
                return changed is null ? NoSuchNode(name) : Results.Json(changed);
            }
        });
        operate.MapDelete("/api/nodes/{name}/taints", (string name, string? key, ExtenderService service) =>
        {
            if (string.IsNullOrEmpty(key))
            {
                return Problems.Of(400, "key", "name the taint to remove with ?key=");
            }

            var changed = service.WithCluster(c => Retaint(c, name, taints => taints.Where(t => t.Key != key)));
            return changed is null ? NoSuchNode(name) : Results.Json(changed);
        });
    }

    /// <summary>Puts a taint on a node of <paramref name="cluster"/> (replacing one with its key and effect); false when there is no such node.</summary>
    public static bool Taint(ClusterScheduler cluster, string node, V1Taint taint)
    {
        ArgumentNullException.ThrowIfNull(taint);
        return Retaint(cluster, node, taints => taints.Where(t => t.Key != taint.Key || t.Effect != taint.Effect).Append(taint)) is not null;
    }

    private static List<NodeView> Nodes(ClusterScheduler cluster)
    {
        var pods = cluster.Store.List<V1Pod>().Where(p => !string.IsNullOrEmpty(p.Spec?.NodeName)).ToLookup(p => p.Spec.NodeName, StringComparer.Ordinal);
        return cluster.Store.List<V1Node>().OrderBy(n => n.Metadata.Name, StringComparer.Ordinal).Select(n => View(n, pods[n.Metadata.Name])).ToList();
    }

    private static NodeView View(V1Node node, IEnumerable<V1Pod> pods) => new(
        node.Metadata.Name,
        node.Metadata.Labels?.ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal) ?? [],
        (node.Spec?.Taints ?? []).Select(t => new TaintView(t.Key, t.Value ?? "", t.Effect)).ToList(),
        node.Spec?.Unschedulable ?? false,
        (node.Status?.Allocatable ?? node.Status?.Capacity)?.ToDictionary(r => r.Key, r => r.Value.ToString(), StringComparer.Ordinal) ?? [],
        pods.Select(p => $"{p.Metadata.NamespaceProperty ?? "default"}/{p.Metadata.Name}").Order(StringComparer.Ordinal).ToList());

    private static NodeView? Retaint(ClusterScheduler cluster, string name, Func<IEnumerable<V1Taint>, IEnumerable<V1Taint>> change)
    {
        if (cluster.Store.Get<V1Node>(null, name) is not { } stored)
        {
            return null;
        }

        var node = KubernetesJson.Deserialize<V1Node>(KubernetesJson.Serialize(stored));
        node.Spec ??= new V1NodeSpec();
        node.Spec.Taints = change(node.Spec.Taints ?? []).ToList();
        cluster.SetNode(node);
        return View(node, cluster.Store.List<V1Pod>().Where(p => p.Spec?.NodeName == name));
    }

    private static IResult NoSuchNode(string name) => Problems.Of(404, "name", $"no node named '{name}'");

    // Kubernetes qualified names and label values (k8s.io/apimachinery validation: IsQualifiedName, IsValidLabelValue).
    private static bool IsQualifiedName(string key)
    {
        var slash = key.LastIndexOf('/');
        var name = key[(slash + 1)..];
        var prefix = slash < 0 ? null : key[..slash];
        return name.Length is > 0 and <= 63 && LabelPart().IsMatch(name)
            && (prefix is null || (prefix.Length is > 0 and <= 253 && DnsSubdomain().IsMatch(prefix)));
    }

    private static bool IsLabelValue(string value) => value.Length <= 63 && LabelPart().IsMatch(value);

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex LabelPart();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();
}
