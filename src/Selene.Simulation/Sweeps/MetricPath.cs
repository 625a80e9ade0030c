using System.Globalization;
using System.Text.Json;

namespace Selene.Simulation.Sweeps;

/// <summary>
/// A number in metrics.json, as a sweep collects it: keys joined by dots, a list's item picked by its name
/// (<c>tenants[chat].goodput</c>) or every item by <c>*</c> (<c>sites[*].gpuUtilisation</c>, one column per item).
/// </summary>
public sealed class MetricPath
{
    private readonly (string Key, string? Item)[] _segments;

    private MetricPath(string text, (string Key, string? Item)[] segments)
    {
        Text = text;
        _segments = segments;
    }

    /// <summary>The path as written.</summary>
    public string Text { get; }

    /// <summary>Its keys, each with the item picked from a list (a name, or <c>*</c>), or null.</summary>
    public IReadOnlyList<(string Key, string? Item)> Segments => _segments;

    /// <summary>Parses <paramref name="text"/>; null when it is not a path.</summary>
    public static MetricPath? TryParse(string text) => PathSegments.Parse(text) is { } segments ? new MetricPath(text, segments) : null;

    /// <summary>
    /// The numbers this path names in <paramref name="metrics"/>, each with its column name (a <c>*</c> replaced by the
    /// item's name); empty when it names none, a message when it names something that is not a number.
    /// </summary>
    public (IReadOnlyList<(string Column, double Value)> Values, string? Problem) Read(JsonElement metrics)
    {
        var found = new List<(string, double)>();
        var problem = Walk(metrics, 0, "", found);
        return (found, problem);
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private string? Walk(JsonElement node, int index, string column, List<(string, double)> found)
    {
        if (index == _segments.Length)
        {
            if (node.ValueKind == JsonValueKind.Number)
            {
                found.Add((column, node.GetDouble()));
                return null;
            }

            return node.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? Add(found, column, node.GetBoolean() ? 1 : 0)
                : $"'{column}' is not a number";
        }

        var (key, item) = _segments[index];
        var prefix = column.Length == 0 ? key : $"{column}.{key}";
        if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(key, out var child))
        {
            return $"metrics.json has no '{prefix}'";
        }

        if (item is null)
        {
            return Walk(child, index + 1, prefix, found);
        }

        if (child.ValueKind != JsonValueKind.Array)
        {
            return $"'{prefix}' is not a list";
        }

        var matched = false;
        var position = 0;
        foreach (var element in child.EnumerateArray())
        {
            var name = element.ValueKind == JsonValueKind.Object && (element.TryGetProperty("name", out var n) || element.TryGetProperty("site", out n) || element.TryGetProperty("tenant", out n))
                && n.ValueKind == JsonValueKind.String ? n.GetString()! : position.ToString(CultureInfo.InvariantCulture);
            position++;
            if (item != "*" && item != name)
            {
                continue;
            }

            matched = true;
            if (Walk(element, index + 1, $"{prefix}[{name}]", found) is { } problem)
            {
                return problem;
            }
        }

        return matched ? null : $"'{prefix}' has no item '{item}'";
    }

    private static string? Add(List<(string, double)> found, string column, double value)
    {
        found.Add((column, value));
        return null;
    }
}
