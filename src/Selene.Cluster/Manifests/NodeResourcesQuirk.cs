using k8s.Models;
using Selene.Core.Errors;
using YamlDotNet.RepresentationModel;

namespace Selene.Cluster.Manifests;

/// <summary>
/// A Node manifest with <c>resources.limits</c>/<c>requests</c> under <c>spec</c>, which is not a Kubernetes
/// Node field: the block's lines are hidden from the strict load and read here as the node's capacity.
/// </summary>
internal sealed class NodeResourcesQuirk
{
    private readonly YamlNode _key;
    private readonly YamlNode _value;

    private NodeResourcesQuirk(YamlNode key, YamlNode value, int lastLine)
    {
        _key = key;
        _value = value;
        FirstLine = (int)key.Start.Line;
        LastLine = lastLine;
    }

    /// <summary>First line of the block.</summary>
    public int FirstLine { get; }

    /// <summary>Last line of the block.</summary>
    public int LastLine { get; }

    /// <summary>The quirk in a Node document, or null when its spec has no <c>resources</c>.</summary>
    public static NodeResourcesQuirk? Find(ManifestDocument document)
    {
        if (document.Root is not { } root || ManifestDocument.Child(root, "spec") is not YamlMappingNode spec)
        {
            return null;
        }

        foreach (var (key, value) in spec.Children)
        {
            if (key is YamlScalarNode { Value: "resources" })
            {
                var last = new ManifestDocument(document.File, value).LastLine;
                return new NodeResourcesQuirk(key, value, Math.Max(last, (int)key.Start.Line));
            }
        }

        return null;
    }

    /// <summary>Reads the block into the node's capacity, reporting what is not a quantity, and warns once.</summary>
    public void Apply(V1Node node, ManifestDocument document, List<InputDiagnostic> diagnostics)
    {
        if (_value is not YamlMappingNode block)
        {
            diagnostics.Add(InputDiagnostic.Error(document.File, (int)_value.Start.Line, (int)_value.Start.Column,
                "spec.resources", "expected a mapping with limits and requests"));
            return;
        }

        var capacity = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal);
        // Requests first, so a limit for the same resource wins: a limit is what the hardware can give.
        foreach (var section in new[] { "requests", "limits" })
        {
            var child = ManifestDocument.Child(block, section);
            if (child is null)
            {
                continue;
            }

            if (child is not YamlMappingNode entries)
            {
                diagnostics.Add(InputDiagnostic.Error(document.File, (int)child.Start.Line, (int)child.Start.Column,
                    $"spec.resources.{section}", "expected a mapping of resource name to quantity"));
                continue;
            }

            foreach (var (key, value) in entries.Children)
            {
                var name = (key as YamlScalarNode)?.Value ?? "";
                var field = $"spec.resources.{section}.{name}";
                if (value is not YamlScalarNode { Value: { } text } || !ManifestLoader.TryQuantity(text, out var quantity))
                {
                    diagnostics.Add(InputDiagnostic.Error(document.File, (int)value.Start.Line, (int)value.Start.Column, field,
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

        diagnostics.Add(InputDiagnostic.Warning(document.File, FirstLine, (int)_key.Start.Column, "spec.resources",
            $"Node {node.Metadata?.Name}: 'resources' is not a Kubernetes Node field; its limits and " +
            "requests are read as the node's capacity (Kubernetes reports capacity under status.capacity)"));
    }
}
