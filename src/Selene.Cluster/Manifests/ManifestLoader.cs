using System.Reflection;
using k8s;
using k8s.Models;
using Selene.Cluster.Resources;
using Selene.Core.Errors;
using Selene.Core.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Selene.Cluster.Manifests;

/// <summary>
/// Reads Kubernetes manifests (nodes, pods, namespaces, priority classes, resource quotas and a
/// <c>KubeSchedulerConfiguration</c>) with KubernetesClient, strictly (an unknown field is an error, as with
/// <c>kubectl --validate=strict</c>), one document at a time so a bad document is reported with its file,
/// line and field and the others still load. A Node whose manifest puts <c>resources.limits</c>/<c>requests</c>
/// under <c>spec</c> (not a Kubernetes Node field) is accepted, that block read as the node's capacity, with a warning.
/// </summary>
public static class ManifestLoader
{
    /// <summary>The <c>apiVersion/kind</c> of the scheduler configuration document.</summary>
    public const string SchedulerConfigurationKind = "kubescheduler.config.k8s.io/v1/KubeSchedulerConfiguration";

    private static readonly Dictionary<string, Type> s_kinds = typeof(V1Pod).Assembly.GetTypes()
        .Select(t => (Type: t, Entity: t.GetCustomAttribute<KubernetesEntityAttribute>()))
        .Where(e => e.Entity is not null && !string.IsNullOrEmpty(e.Entity.Kind) && !e.Type.Name.EndsWith("List", StringComparison.Ordinal))
        .GroupBy(e => ApiKind(e.Entity!.Group, e.Entity.ApiVersion, e.Entity.Kind), StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.First().Type, StringComparer.Ordinal);

    private static readonly HashSet<Type> s_used = [typeof(V1Node), typeof(V1Pod), typeof(V1Namespace), typeof(V1PriorityClass), typeof(V1ResourceQuota)];

    /// <summary>
    /// Reads every <c>.yaml</c>/<c>.yml</c> file named or found (recursively, in name order) under the folders
    /// named, then checks references between objects (a pod's priority class).
    /// </summary>
    public static ManifestSet LoadPaths(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var set = new ManifestSet();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal))
                {
                    LoadFile(file, set);
                }
            }
            else if (File.Exists(path))
            {
                LoadFile(path, set);
            }
            else
            {
                set.Diagnostics.Add(InputDiagnostic.Error(path, 0, 0, "", "no such file or folder"));
            }
        }

        ManifestValidator.CheckReferences(set);
        return set;
    }

    /// <summary>Reads every document of <paramref name="yaml"/> into <paramref name="set"/>.</summary>
    /// <param name="yaml">The manifest text; several documents separated by <c>---</c> are allowed.</param>
    /// <param name="file">The file name used in diagnostics.</param>
    /// <param name="set">Receives the objects and the diagnostics.</param>
    public static void Load(string yaml, string file, ManifestSet set)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(set);
        YamlStream stream;
        try
        {
            stream = YamlInput.Load(yaml, file);
        }
        catch (InputException e)
        {
            set.Diagnostics.AddRange(e.Errors);
            return;
        }

        var lines = yaml.Split('\n');
        foreach (var parsed in stream.Documents)
        {
            if (parsed.RootNode is YamlScalarNode { Value: null or "" })
            {
                continue;
            }

            var document = new ManifestDocument(file, parsed.RootNode);
            LoadDocument(document, lines, set);
        }
    }

    private static void LoadFile(string file, ManifestSet set)
    {
        try
        {
            Load(InputFile.ReadText(file, "-f", "cannot read the manifest"), file, set);
        }
        catch (InputException e)
        {
            set.Diagnostics.AddRange(e.Errors);
        }
    }

    private static void LoadDocument(ManifestDocument document, string[] lines, ManifestSet set)
    {
        if (document.Root is null)
        {
            set.Diagnostics.Add(document.Error("", "a manifest document must be a mapping with apiVersion, kind and metadata"));
            return;
        }

        var apiVersion = document.Scalar("apiVersion");
        var kind = document.Scalar("kind");
        if (string.IsNullOrEmpty(apiVersion) || string.IsNullOrEmpty(kind))
        {
            set.Diagnostics.Add(document.Error(string.IsNullOrEmpty(apiVersion) ? "apiVersion" : "kind", "every manifest needs apiVersion and kind"));
            return;
        }

        var apiKind = $"{apiVersion}/{kind}";
        if (apiKind == SchedulerConfigurationKind)
        {
            set.SchedulerConfigurations.Add(document);
            return;
        }

        if (!s_kinds.TryGetValue(apiKind, out var type))
        {
            set.Diagnostics.Add(document.Error("kind", $"unknown kind {kind} in {apiVersion}; Selene reads Node, Pod, Namespace, PriorityClass (scheduling.k8s.io/v1), ResourceQuota and KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1)"));
            return;
        }

        if (!s_used.Contains(type))
        {
            set.Diagnostics.Add(document.Warning("kind", $"{kind} ignored: Selene schedules from Node, Pod, Namespace, PriorityClass and ResourceQuota objects"));
            return;
        }

        var quirk = type == typeof(V1Node) ? NodeResourcesQuirk.Find(document) : null;
        var first = document.Line;
        var last = Math.Min(document.LastLine, lines.Length);
        var slice = lines[(first - 1)..last];
        if (quirk is not null)
        {
            for (var line = quirk.FirstLine; line <= quirk.LastLine && line <= last; line++)
            {
                slice[line - first] = "";
            }
        }

        object typed;
        try
        {
            typed = KubernetesYaml.LoadAllFromString(string.Join('\n', slice), strict: true).Single();
        }
        catch (YamlException e)
        {
            var line = (int)e.Start.Line + first - 1;
            var column = (int)e.Start.Column;
            var field = document.PathAt(line, column);
            set.Diagnostics.Add(InputDiagnostic.Error(document.File, line, column, field, Explain(e)));
            return;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
        {
            set.Diagnostics.Add(document.Error("", e.Message));
            return;
        }

        var errors = set.Diagnostics.Count;
        switch (typed)
        {
            case V1Node node:
                if (quirk is not null)
                {
                    quirk.Apply(node, document, set.Diagnostics);
                }

                ManifestValidator.Check(node, document, set.Diagnostics);
                if (!HasErrorsSince(set, errors))
                {
                    node.Status ??= new V1NodeStatus();
                    node.Status.Allocatable ??= node.Status.Capacity;
                    set.Nodes.Add(new ClusterNode(node, document.File, document.Line));
                }

                break;
            case V1Pod pod:
                ManifestValidator.Check(pod, document, set.Diagnostics);
                AddUnlessFailed(set, errors, set.Pods, new Manifest<V1Pod>(pod, document));
                break;
            case V1Namespace ns:
                ManifestValidator.CheckName(ns.Metadata, "Namespace", document, set.Diagnostics);
                AddUnlessFailed(set, errors, set.Namespaces, new Manifest<V1Namespace>(ns, document));
                break;
            case V1PriorityClass priorityClass:
                ManifestValidator.CheckName(priorityClass.Metadata, "PriorityClass", document, set.Diagnostics);
                if (priorityClass.Value is null or > 1_000_000_000)
                {
                    set.Diagnostics.Add(document.Error("value", "a PriorityClass needs a value of at most 1000000000 (higher values are reserved for system classes)"));
                }

                AddUnlessFailed(set, errors, set.PriorityClasses, new Manifest<V1PriorityClass>(priorityClass, document));
                break;
            case V1ResourceQuota quota:
                ManifestValidator.Check(quota, document, set.Diagnostics);
                AddUnlessFailed(set, errors, set.ResourceQuotas, new Manifest<V1ResourceQuota>(quota, document));
                break;
        }
    }

    private static void AddUnlessFailed<T>(ManifestSet set, int errorsBefore, List<Manifest<T>> into, Manifest<T> manifest)
    {
        if (!HasErrorsSince(set, errorsBefore))
        {
            into.Add(manifest);
        }
    }

    private static bool HasErrorsSince(ManifestSet set, int index) =>
        set.Diagnostics.Skip(index).Any(d => d.Severity == DiagnosticSeverity.Error);

    private static string Explain(YamlException e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner.StackTrace?.Contains("ResourceQuantity", StringComparison.Ordinal) == true
                || inner.Message.Contains("quantity", StringComparison.OrdinalIgnoreCase))
            {
                return "not a Kubernetes quantity (such as 8, \"32\", 500m, 256Gi or 1e3)";
            }
        }

        return e.InnerException?.Message ?? e.Message;
    }

    private static string ApiKind(string? group, string? version, string kind) =>
        string.IsNullOrEmpty(group) ? $"{version}/{kind}" : $"{group}/{version}/{kind}";

    internal static bool TryQuantity(string text, out ResourceQuantity quantity) => Quantities.TryParse(text, out quantity, out _) && quantity.ToDecimal() >= 0;
}
