using k8s;
using k8s.Models;
using Selene.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Selene.Cluster.Manifests;

/// <summary>
/// Reads Node objects from Kubernetes YAML with KubernetesClient, strictly (an unknown field is an error,
/// as with <c>kubectl --validate=strict</c>), and with one deliberate exception: a Node whose manifest
/// puts <c>resources.limits</c>/<c>resources.requests</c> under <c>spec</c> (not a Kubernetes Node field)
/// is accepted, that block is read as the node's capacity, and one warning says so.
/// </summary>
public static class NodeManifestLoader
{
    /// <summary>Loads every Node in <paramref name="yaml"/>.</summary>
    /// <param name="yaml">The manifest text; several documents separated by <c>---</c> are allowed.</param>
    /// <param name="file">The file name used in diagnostics.</param>
    /// <param name="warnings">Receives warnings (the <c>spec.resources</c> quirk, ignored kinds).</param>
    /// <exception cref="InputException">The text is not valid YAML, or a Node in it is not valid.</exception>
    public static IReadOnlyList<ClusterNode> Load(string yaml, string file, ICollection<InputDiagnostic> warnings)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(warnings);

        var documents = ParseDocuments(yaml, file);
        var lines = yaml.Split('\n');
        var quirks = new List<SpecResources>();
        foreach (var document in documents)
        {
            if (FindSpecResources(document, file) is { } quirk)
            {
                quirks.Add(quirk);
                BlankLines(lines, quirk.FirstLine, quirk.LastLine);
            }
        }

        var objects = LoadTyped(string.Join('\n', lines), file);
        var nodes = new List<ClusterNode>();
        var errors = new List<InputDiagnostic>();
        for (var i = 0; i < objects.Count; i++)
        {
            var line = i < documents.Count ? documents[i].Line : 0;
            if (objects[i] is not V1Node node)
            {
                var kind = objects[i] is IKubernetesObject k ? k.Kind : objects[i].GetType().Name;
                warnings.Add(InputDiagnostic.Warning(file, line, 1, "kind",
                    $"{kind} ignored: only Node objects describe capacity"));
                continue;
            }

            if (string.IsNullOrWhiteSpace(node.Metadata?.Name))
            {
                errors.Add(InputDiagnostic.Error(file, line, 1, "metadata.name", "a Node needs a name"));
                continue;
            }

            var quirk = quirks.Find(q => q.DocumentLine == line);
            if (quirk is not null)
            {
                ApplySpecResources(node, quirk, file, errors);
                warnings.Add(InputDiagnostic.Warning(file, quirk.FirstLine, quirk.Column, "spec.resources",
                    $"Node {node.Metadata.Name}: 'resources' is not a Kubernetes Node field; its limits and " +
                    "requests are read as the node's capacity (Kubernetes reports capacity under status.capacity)"));
            }

            node.Status ??= new V1NodeStatus();
            node.Status.Allocatable ??= node.Status.Capacity;
            nodes.Add(new ClusterNode(node, file, line));
        }

        return errors.Count > 0 ? throw new InputException(errors) : nodes;
    }

    private sealed record ParsedDocument(YamlNode Root, int Line);

    private sealed record SpecResources(
        int DocumentLine, int FirstLine, int LastLine, int Column, YamlMappingNode Block);

    private static List<ParsedDocument> ParseDocuments(string yaml, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new InputException(InputDiagnostic.Error(
                file, (int)e.Start.Line, (int)e.Start.Column, "", "not valid YAML: " + e.Message));
        }

        return stream.Documents.Select(d => new ParsedDocument(d.RootNode, (int)d.RootNode.Start.Line)).ToList();
    }

    private static SpecResources? FindSpecResources(ParsedDocument document, string file)
    {
        if (document.Root is not YamlMappingNode root
            || Scalar(root, "kind") != "Node"
            || Child(root, "spec") is not YamlMappingNode spec)
        {
            return null;
        }

        foreach (var (key, value) in spec.Children)
        {
            if (key is YamlScalarNode { Value: "resources" })
            {
                if (value is not YamlMappingNode block)
                {
                    throw new InputException(InputDiagnostic.Error(file, (int)value.Start.Line,
                        (int)value.Start.Column, "spec.resources", "expected a mapping with limits and requests"));
                }

                return new SpecResources(document.Line, (int)key.Start.Line, LastLine(block), (int)key.Start.Column, block);
            }
        }

        return null;
    }

    private static void ApplySpecResources(
        V1Node node, SpecResources quirk, string file, List<InputDiagnostic> errors)
    {
        var capacity = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal);
        // Requests first, so a limit for the same resource wins: a limit is what the hardware can give.
        foreach (var section in new[] { "requests", "limits" })
        {
            var child = Child(quirk.Block, section);
            if (child is null)
            {
                continue;
            }

            if (child is not YamlMappingNode entries)
            {
                errors.Add(InputDiagnostic.Error(file, (int)child.Start.Line, (int)child.Start.Column,
                    $"spec.resources.{section}", "expected a mapping of resource name to quantity"));
                continue;
            }

            foreach (var (key, value) in entries.Children)
            {
                var name = (key as YamlScalarNode)?.Value ?? "";
                var field = $"spec.resources.{section}.{name}";
                if (value is not YamlScalarNode { Value: { } text } || !TryQuantity(text, out var quantity))
                {
                    errors.Add(InputDiagnostic.Error(file, (int)value.Start.Line, (int)value.Start.Column, field,
                        "expected a Kubernetes quantity such as 8, \"32\", 500m or 256Gi"));
                    continue;
                }

                capacity[name] = quantity;
            }
        }

        node.Status ??= new V1NodeStatus();
        node.Status.Capacity ??= new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal);
        foreach (var (name, quantity) in capacity)
        {
            node.Status.Capacity.TryAdd(name, quantity);
        }
    }

    private static bool TryQuantity(string text, out ResourceQuantity quantity)
    {
        try
        {
            quantity = new ResourceQuantity(text);
            _ = quantity.ToDecimal();
            return quantity.ToDecimal() >= 0;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            quantity = null!;
            return false;
        }
    }

    private static List<object> LoadTyped(string yaml, string file)
    {
        try
        {
            return KubernetesYaml.LoadAllFromString(yaml, strict: true);
        }
        catch (YamlException e)
        {
            var reason = e.InnerException?.Message ?? e.Message;
            throw new InputException(InputDiagnostic.Error(
                file, (int)e.Start.Line, (int)e.Start.Column, "", reason));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
        {
            throw new InputException(InputDiagnostic.Error(file, 0, 0, "", e.Message));
        }
    }

    private static void BlankLines(string[] lines, int first, int last)
    {
        for (var line = first; line <= last && line <= lines.Length; line++)
        {
            lines[line - 1] = "";
        }
    }

    // A collection's own End mark is that of its start event, so the last line is found among its leaves.
    private static int LastLine(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.Select(c => Math.Max(LastLine(c.Key), LastLine(c.Value))).DefaultIfEmpty((int)map.End.Line).Max(),
        YamlSequenceNode sequence => sequence.Children.Select(LastLine).DefaultIfEmpty((int)sequence.End.Line).Max(),
        _ => (int)node.End.Line,
    };

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Scalar(YamlMappingNode map, string key) => (Child(map, key) as YamlScalarNode)?.Value;
}
