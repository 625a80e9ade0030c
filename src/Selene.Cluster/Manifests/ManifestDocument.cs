using System.Globalization;
using Selene.Core.Errors;
using YamlDotNet.RepresentationModel;

namespace Selene.Cluster.Manifests;

/// <summary>
/// One YAML document of a manifest file as parsed, kept beside the object read from it so a later check
/// (a missing priority class, a request that exceeds a quota) can point at the line of the field it concerns.
/// </summary>
public sealed class ManifestDocument
{
    private readonly YamlNode _root;

    /// <summary>Wraps a parsed document.</summary>
    /// <param name="file">The file as the user named it.</param>
    /// <param name="root">The document's root node.</param>
    public ManifestDocument(string file, YamlNode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        File = file;
        _root = root;
        Line = (int)root.Start.Line;
    }

    /// <summary>The file as the user named it.</summary>
    public string File { get; }

    /// <summary>1-based line where the document starts.</summary>
    public int Line { get; }

    /// <summary>The root mapping, or null when the document is not a mapping.</summary>
    public YamlMappingNode? Root => _root as YamlMappingNode;

    /// <summary>A scalar at a top-level key (<c>kind</c>, <c>apiVersion</c>), or null.</summary>
    public string? Scalar(string key) => Root is { } root && Child(root, key) is YamlScalarNode { Value: var value } ? value : null;

    /// <summary>
    /// Line and column of the field at <paramref name="path"/> (<c>spec.containers[0].resources</c>), or of the
    /// deepest part of it that exists.
    /// </summary>
    public (int Line, int Column) Locate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var node = _root;
        var position = (Line: (int)_root.Start.Line, Column: (int)_root.Start.Column);
        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = part;
            var index = -1;
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            if (bracket >= 0)
            {
                name = part[..bracket];
                index = int.Parse(part[(bracket + 1)..^1], CultureInfo.InvariantCulture);
            }

            if (name.Length > 0)
            {
                if (node is not YamlMappingNode map || !TryChild(map, name, out var key, out var value))
                {
                    return position;
                }

                position = ((int)key.Start.Line, (int)key.Start.Column);
                node = value;
            }

            if (index >= 0)
            {
                if (node is not YamlSequenceNode sequence || index >= sequence.Children.Count)
                {
                    return position;
                }

                node = sequence.Children[index];
                position = ((int)node.Start.Line, (int)node.Start.Column);
            }
        }

        return node is YamlScalarNode ? ((int)node.Start.Line, (int)node.Start.Column) : position;
    }

    /// <summary>The dotted path of the node that starts at, or most closely before, a position in the file.</summary>
    public string PathAt(int line, int column)
    {
        var best = "";
        var bestMark = (Line: 0, Column: 0);
        Visit(_root, "");
        return best;

        void Visit(YamlNode node, string path)
        {
            var mark = ((int)node.Start.Line, (int)node.Start.Column);
            if (mark.CompareTo((line, column)) <= 0 && mark.CompareTo(bestMark) >= 0)
            {
                best = path;
                bestMark = mark;
            }

            switch (node)
            {
                case YamlMappingNode map:
                    foreach (var (key, value) in map.Children)
                    {
                        var name = (key as YamlScalarNode)?.Value ?? "?";
                        var childPath = path.Length == 0 ? name : $"{path}.{name}";
                        var keyMark = ((int)key.Start.Line, (int)key.Start.Column);
                        if (keyMark.CompareTo((line, column)) <= 0 && keyMark.CompareTo(bestMark) >= 0)
                        {
                            best = childPath;
                            bestMark = keyMark;
                        }

                        Visit(value, childPath);
                    }

                    break;
                case YamlSequenceNode sequence:
                    for (var i = 0; i < sequence.Children.Count; i++)
                    {
                        Visit(sequence.Children[i], string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"));
                    }

                    break;
            }
        }
    }

    /// <summary>An error at the field <paramref name="path"/>.</summary>
    public InputDiagnostic Error(string path, string message)
    {
        var (line, column) = Locate(path);
        return InputDiagnostic.Error(File, line, column, path, message);
    }

    /// <summary>A warning at the field <paramref name="path"/>.</summary>
    public InputDiagnostic Warning(string path, string message)
    {
        var (line, column) = Locate(path);
        return InputDiagnostic.Warning(File, line, column, path, message);
    }

    /// <summary>The last line any part of the document occupies.</summary>
    public int LastLine => LastLineOf(_root);

    // A collection's own End mark is that of its start event, so the last line is found among its leaves.
    private static int LastLineOf(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.Select(c => Math.Max(LastLineOf(c.Key), LastLineOf(c.Value))).DefaultIfEmpty((int)map.End.Line).Max(),
        YamlSequenceNode sequence => sequence.Children.Select(LastLineOf).DefaultIfEmpty((int)sequence.End.Line).Max(),
        _ => (int)node.End.Line,
    };

    internal static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static bool TryChild(YamlMappingNode map, string name, out YamlNode key, out YamlNode value)
    {
        foreach (var (k, v) in map.Children)
        {
            if (k is YamlScalarNode { Value: var text } && text == name)
            {
                key = k;
                value = v;
                return true;
            }
        }

        key = value = null!;
        return false;
    }
}
