using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Selene.Simulation.Sweeps;

/// <summary>
/// A place in a scenario's YAML, written as a sweep names it: keys joined by dots, a list's item picked by its
/// <c>name</c> in brackets (<c>tenants[chat].arrivals.rateScale</c>, <c>launches[cargo].every</c>) or by its position
/// (<c>sites[2].heightKm</c>).
/// </summary>
public sealed class ScenarioPath
{
    private readonly (string Key, string? Item)[] _segments;

    private ScenarioPath(string text, (string Key, string? Item)[] segments)
    {
        Text = text;
        _segments = segments;
    }

    /// <summary>The path as written.</summary>
    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; null when it is not a path.</summary>
    public static ScenarioPath? TryParse(string text) => PathSegments.Parse(text) is { } segments ? new ScenarioPath(text, segments) : null;

    /// <summary>
    /// Sets the value at this path in <paramref name="root"/> to <paramref name="value"/> (a scalar, or YAML for a list
    /// or mapping); returns null, or why the path names nothing there.
    /// </summary>
    public string? Set(YamlMappingNode root, string value)
    {
        ArgumentNullException.ThrowIfNull(root);
        YamlMappingNode map = root;
        for (var i = 0; i < _segments.Length; i++)
        {
            var (key, item) = _segments[i];
            var last = i == _segments.Length - 1;
            var keyNode = new YamlScalarNode(key);
            if (!map.Children.TryGetValue(keyNode, out var child))
            {
                // The last key may be one the scenario leaves at its default.
                if (last && item is null)
                {
                    map.Children[keyNode] = Parse(value);
                    return null;
                }

                return $"the scenario has no '{Prefix(i)}'";
            }

            if (item is not null)
            {
                if (child is not YamlSequenceNode list)
                {
                    return $"'{Prefix(i)}' is not a list";
                }

                var picked = Pick(list, item);
                if (picked is null)
                {
                    return int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out _)
                        ? $"'{key}' has no item {item}"
                        : $"'{key}' has no item named '{item}' (items: {string.Join(", ", list.Children.OfType<YamlMappingNode>().Select(Name).OfType<string>())})";
                }

                if (last)
                {
                    list.Children[list.Children.IndexOf(picked)] = Parse(value);
                    return null;
                }

                if (picked is not YamlMappingNode pickedMap)
                {
                    return $"'{Prefix(i)}' is not a mapping";
                }

                map = pickedMap;
                continue;
            }

            if (last)
            {
                map.Children[keyNode] = Parse(value);
                return null;
            }

            if (child is not YamlMappingNode next)
            {
                return $"'{Prefix(i)}' is not a mapping";
            }

            map = next;
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private string Prefix(int last) => string.Join('.', _segments.Take(last + 1).Select(s => s.Item is null ? s.Key : $"{s.Key}[{s.Item}]"));

    private static YamlNode? Pick(YamlSequenceNode list, string item)
    {
        if (int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return index < list.Children.Count ? list.Children[index] : null;
        }

        return list.Children.OfType<YamlMappingNode>().FirstOrDefault(m => Name(m) == item);
    }

    private static string? Name(YamlMappingNode map) =>
        map.Children.TryGetValue(new YamlScalarNode("name"), out var name) && name is YamlScalarNode { Value: { } text } ? text : null;

    // A value as it would be written in the scenario: a flow list or mapping is parsed, anything else stays a plain scalar.
    private static YamlNode Parse(string value)
    {
        var trimmed = value.TrimStart();
        if (trimmed.StartsWith('[') || trimmed.StartsWith('{'))
        {
            var stream = new YamlStream();
            stream.Load(new StringReader("v: " + value));
            return ((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("v")];
        }

        return new YamlScalarNode(value);
    }
}
