using System.Text;
using System.Text.Json;
using k8s;
using k8s.Models;

namespace Selene.Cluster.Scheduling.Extender;

/// <summary>
/// The extender protocol's JSON: the outer structs have no json tags in Go, so their keys are the Go field
/// names (<c>Pod</c>, <c>NodeNames</c>, <c>FailedNodes</c> …), read case-insensitively as Go does and written in
/// PascalCase; the embedded pod and nodes are ordinary Kubernetes JSON, handled by KubernetesClient.
/// </summary>
public static class ExtenderJson
{
    /// <summary>Reads <c>ExtenderArgs</c>.</summary>
    /// <exception cref="ExtenderRequestException">The body is not JSON, or a field has the wrong shape.</exception>
    public static ExtenderArgs ReadArgs(string json)
    {
        using var document = Parse(json);
        var root = Object(document.RootElement, "");
        var pod = Property(root, "Pod") is { ValueKind: JsonValueKind.Object } podElement
            ? Kubernetes<V1Pod>(podElement, "Pod")
            : throw new ExtenderRequestException("Pod", "ExtenderArgs needs a Pod object");
        if (Manifests.KubernetesNames.SubdomainProblem(pod.Metadata?.Name) is { } badName)
        {
            throw new ExtenderRequestException("Pod.metadata.name", badName);
        }

        if (pod.Metadata!.NamespaceProperty is { Length: > 0 } ns && Manifests.KubernetesNames.LabelProblem(ns) is { } badNamespace)
        {
            throw new ExtenderRequestException("Pod.metadata.namespace", badNamespace);
        }

        V1NodeList? nodes = null;
        if (Property(root, "Nodes") is { ValueKind: JsonValueKind.Object } nodesElement)
        {
            nodes = Kubernetes<V1NodeList>(nodesElement, "Nodes");
            if (nodes.Items?.Any(n => n.Metadata?.Name is not { Length: > 0 }) == true)
            {
                throw new ExtenderRequestException("Nodes.items", "every node needs a name");
            }
        }
        else if (Property(root, "Nodes") is { ValueKind: not JsonValueKind.Null } wrongNodes)
        {
            throw new ExtenderRequestException("Nodes", $"expected a NodeList object, got {wrongNodes.ValueKind}");
        }

        List<string>? names = null;
        if (Property(root, "NodeNames") is { ValueKind: JsonValueKind.Array } namesElement)
        {
            names = [];
            foreach (var name in namesElement.EnumerateArray())
            {
                names.Add(name.ValueKind == JsonValueKind.String ? name.GetString()! : throw new ExtenderRequestException("NodeNames", "node names must be strings"));
            }
        }
        else if (Property(root, "NodeNames") is { ValueKind: not JsonValueKind.Null } wrongNames)
        {
            throw new ExtenderRequestException("NodeNames", $"expected an array of node names, got {wrongNames.ValueKind}");
        }

        return nodes is null && names is null
            ? throw new ExtenderRequestException("Nodes", "ExtenderArgs needs Nodes or NodeNames")
            : new ExtenderArgs(pod, nodes, names);
    }

    /// <summary>Reads <c>ExtenderBindingArgs</c>.</summary>
    /// <exception cref="ExtenderRequestException">The body is not JSON, or a field is missing.</exception>
    public static ExtenderBindingArgs ReadBindingArgs(string json)
    {
        using var document = Parse(json);
        var root = Object(document.RootElement, "");
        string Text(string name) => Property(root, name) is { ValueKind: JsonValueKind.String } value && value.GetString() is { Length: > 0 } text
            ? text
            : throw new ExtenderRequestException(name, $"ExtenderBindingArgs needs {name} as a non-empty string");
        return new ExtenderBindingArgs(Text("PodName"), Text("PodNamespace"), Property(root, "PodUID")?.GetString() ?? "", Text("Node"));
    }

    /// <summary>Writes an <c>ExtenderFilterResult</c>.</summary>
    public static string Write(ExtenderFilterResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Write(writer =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("Nodes");
            if (result.Nodes is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteRawValue(KubernetesJson.Serialize(result.Nodes));
            }

            writer.WritePropertyName("NodeNames");
            if (result.NodeNames is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteStartArray();
                foreach (var name in result.NodeNames)
                {
                    writer.WriteStringValue(name);
                }

                writer.WriteEndArray();
            }

            WriteMap(writer, "FailedNodes", result.FailedNodes);
            WriteMap(writer, "FailedAndUnresolvableNodes", result.FailedAndUnresolvableNodes);
            writer.WriteString("Error", result.Error);
            writer.WriteEndObject();
        });
    }

    /// <summary>Writes a <c>HostPriorityList</c>.</summary>
    public static string Write(IReadOnlyList<HostPriority> priorities)
    {
        ArgumentNullException.ThrowIfNull(priorities);
        return Write(writer =>
        {
            writer.WriteStartArray();
            foreach (var priority in priorities)
            {
                writer.WriteStartObject();
                writer.WriteString("Host", priority.Host);
                writer.WriteNumber("Score", priority.Score);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
    }

    /// <summary>Writes an <c>ExtenderBindingResult</c>.</summary>
    public static string Write(ExtenderBindingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("Error", result.Error);
            writer.WriteEndObject();
        });
    }

    private static JsonDocument Parse(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ExtenderRequestException("", $"the body is not valid JSON: {e.Message}");
        }
    }

    private static JsonElement Object(JsonElement element, string field) =>
        element.ValueKind == JsonValueKind.Object ? element : throw new ExtenderRequestException(field, $"expected a JSON object, got {element.ValueKind}");

    // Go's encoding/json matches keys case-insensitively.
    private static JsonElement? Property(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static T Kubernetes<T>(JsonElement element, string field)
    {
        try
        {
            return KubernetesJson.Deserialize<T>(element.GetRawText());
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException or InvalidOperationException)
        {
            throw new ExtenderRequestException(field, $"not a valid Kubernetes object: {e.Message}");
        }
    }

    private static void WriteMap(Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, string> map)
    {
        writer.WriteStartObject(name);
        foreach (var (key, value) in map.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        // Escape only what JSON requires, as Go's encoder does for these messages (apostrophes stay readable).
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            body(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
