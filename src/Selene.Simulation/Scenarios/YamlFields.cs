using System.Globalization;
using Selene.Core.Errors;
using Selene.Core.Time;
using Selene.Core.Units;
using YamlDotNet.RepresentationModel;

namespace Selene.Simulation.Scenarios;

/// <summary>
/// Typed, located reads from one YAML mapping. Every problem becomes an error naming the file, line,
/// column and dotted field path; reading goes on so one run reports every problem. Keys never read are
/// reported as unknown by <see cref="RejectUnknown"/>.
/// </summary>
internal sealed class YamlFields
{
    private readonly YamlMappingNode _map;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public YamlFields(YamlMappingNode map, string path, string file, List<InputDiagnostic> errors)
    {
        _map = map;
        Path = path;
        File = file;
        Errors = errors;
    }

    public string Path { get; }

    public string File { get; }

    public List<InputDiagnostic> Errors { get; }

    public int Line => (int)_map.Start.Line;

    public YamlMappingNode Node => _map;

    public string FieldPath(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public bool Has(string key) => _map.Children.ContainsKey(new YamlScalarNode(key));

    public YamlNode? Raw(string key, bool required = false)
    {
        _read.Add(key);
        if (_map.Children.TryGetValue(new YamlScalarNode(key), out var value) && !IsNull(value))
        {
            return value;
        }

        if (required)
        {
            ErrorAt(_map, FieldPath(key), $"missing required key '{key}'");
        }

        return null;
    }

    public string? String(string key, bool required = false)
    {
        var node = Raw(key, required);
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode { Value: { } text })
        {
            return text;
        }

        ErrorAt(node, FieldPath(key), "expected a single value");
        return null;
    }

    public double? Number(string key, double min = double.NegativeInfinity, double max = double.PositiveInfinity,
        bool required = false, bool minExclusive = false)
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            ErrorAt(Raw(key)!, FieldPath(key), $"expected a number, got '{text}'");
            return null;
        }

        return CheckRange(key, value, min, max, minExclusive, value.ToString(CultureInfo.InvariantCulture));
    }

    public long? Integer(string key, long min = long.MinValue, long max = long.MaxValue, bool required = false)
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            ErrorAt(Raw(key)!, FieldPath(key), $"expected a whole number, got '{text}'");
            return null;
        }

        if (value < min || value > max)
        {
            ErrorAt(Raw(key)!, FieldPath(key), $"{value} is out of range [{min}, {max}]");
            return null;
        }

        return value;
    }

    public ulong? UnsignedInteger(string key, bool required = false)
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }

        if (!ulong.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            ErrorAt(Raw(key)!, FieldPath(key), $"expected a whole number from 0 to {ulong.MaxValue}, got '{text}'");
            return null;
        }

        return value;
    }

    public double? Duration(string key, bool required = false, double min = 0, bool minExclusive = true,
        double max = double.PositiveInfinity)
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }

        if (!DurationText.TryParseSeconds(text, out var seconds))
        {
            ErrorAt(Raw(key)!, FieldPath(key), $"expected a duration such as 500ms, 1.282s, 90m, 24h or 7d, got '{text}'");
            return null;
        }

        return CheckRange(key, seconds, min, max, minExclusive, text);
    }

    public double? Bytes(string key, bool required = false)
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }

        if (!ByteSizeText.TryParseBytes(text, out var bytes))
        {
            ErrorAt(Raw(key)!, FieldPath(key), $"expected a size such as 512, 4Ki, 8Mi or 2MB, got '{text}'");
            return null;
        }

        return bytes;
    }

    public T? Enum<T>(string key, bool required = false)
        where T : struct, Enum
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }

        var names = System.Enum.GetNames<T>();
        var match = names.FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            var allowed = string.Join(", ", names.Select(n => n.ToLowerInvariant()));
            ErrorAt(Raw(key)!, FieldPath(key), $"expected one of {allowed}, got '{text}'");
            return null;
        }

        return System.Enum.Parse<T>(match);
    }

    public YamlFields? Map(string key, bool required = false)
    {
        var node = Raw(key, required);
        if (node is null)
        {
            return null;
        }

        if (node is YamlMappingNode map)
        {
            return new YamlFields(map, FieldPath(key), File, Errors);
        }

        ErrorAt(node, FieldPath(key), "expected a mapping of keys to values");
        return null;
    }

    /// <summary>A mapping of names to single values (labels, a node selector).</summary>
    public IReadOnlyDictionary<string, string> StringMap(string key)
    {
        var fields = Map(key);
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (fields is null)
        {
            return result;
        }

        foreach (var (keyNode, _) in fields._map.Children)
        {
            var name = ((YamlScalarNode)keyNode).Value ?? "";
            if (fields.String(name) is { } value)
            {
                result[name] = value;
            }
        }

        return result;
    }

    /// <summary>Each entry of a mapping whose keys are names (for example GPU type → distribution).</summary>
    public IReadOnlyList<(string Name, YamlNode KeyNode, YamlFields Value)> NamedMaps(string key, bool required = false)
    {
        var fields = Map(key, required);
        if (fields is null)
        {
            return [];
        }

        var result = new List<(string, YamlNode, YamlFields)>();
        foreach (var (keyNode, value) in fields._map.Children)
        {
            var name = ((YamlScalarNode)keyNode).Value ?? "";
            fields._read.Add(name);
            if (value is YamlMappingNode map)
            {
                result.Add((name, keyNode, new YamlFields(map, fields.FieldPath(name), File, Errors)));
            }
            else
            {
                ErrorAt(value, fields.FieldPath(name), "expected a mapping of keys to values");
            }
        }

        return result;
    }

    public IReadOnlyList<YamlFields> MapList(string key, bool required = false)
    {
        var node = Raw(key, required);
        if (node is null)
        {
            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            ErrorAt(node, FieldPath(key), "expected a list");
            return [];
        }

        var result = new List<YamlFields>();
        var index = 0;
        foreach (var item in sequence.Children)
        {
            var path = $"{FieldPath(key)}[{index++}]";
            if (item is YamlMappingNode map)
            {
                result.Add(new YamlFields(map, path, File, Errors));
            }
            else
            {
                ErrorAt(item, path, "expected a mapping of keys to values");
            }
        }

        return result;
    }

    public IReadOnlyList<string> ScalarList(string key, bool required = false)
    {
        var node = Raw(key, required);
        if (node is null)
        {
            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            ErrorAt(node, FieldPath(key), "expected a list");
            return [];
        }

        var result = new List<string>();
        var index = 0;
        foreach (var item in sequence.Children)
        {
            if (item is YamlScalarNode { Value: { } text })
            {
                result.Add(text);
            }
            else
            {
                ErrorAt(item, $"{FieldPath(key)}[{index}]", "expected a single value");
            }

            index++;
        }

        return result;
    }

    public void RejectUnknown()
    {
        foreach (var (keyNode, _) in _map.Children)
        {
            var name = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!_read.Contains(name))
            {
                ErrorAt(keyNode, FieldPath(name), $"unknown key '{name}'");
            }
        }
    }

    public void Error(string key, string message)
    {
        var node = _map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : _map;
        ErrorAt(node, FieldPath(key), message);
    }

    public void ErrorAt(YamlNode node, string field, string message) =>
        Errors.Add(InputDiagnostic.Error(File, (int)node.Start.Line, (int)node.Start.Column, field, message));

    private double? CheckRange(string key, double value, double min, double max, bool minExclusive, string shown)
    {
        var belowMin = minExclusive ? value <= min : value < min;
        if (belowMin || value > max)
        {
            var lower = minExclusive ? "greater than" : "at least";
            var upper = double.IsPositiveInfinity(max) ? "" : string.Create(CultureInfo.InvariantCulture, $" and at most {max}");
            ErrorAt(Raw(key)!, FieldPath(key),
                string.Create(CultureInfo.InvariantCulture, $"{shown} is out of range: must be {lower} {min}{upper}"));
            return null;
        }

        return value;
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: not (YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted) } scalar
        && scalar.Value is null or "" or "~" or "null";
}
