using System.Globalization;
using System.Text;
using Selene.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Selene.Core.Yaml;

/// <summary>
/// A parser that checks each event as a reader pulls it: nesting beyond <see cref="YamlLimits.MaxDepth"/> and
/// aliases standing for more than <see cref="YamlLimits.MaxAliasNodes"/> nodes stop the read with an
/// <see cref="InputException"/> at the offending line and field, before any recursive reader goes deeper.
/// It also knows the field path of the event it is at, so a parse error can name the field.
/// </summary>
internal sealed class YamlGuard(IParser inner, string file, YamlLimits limits) : IParser
{
    private readonly List<Frame> _frames = [];
    private readonly Dictionary<AnchorName, long> _anchorSizes = [];
    private long _aliasNodes;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        switch (inner.Current)
        {
            case DocumentStart:
                _anchorSizes.Clear();
                _aliasNodes = 0;
                break;
            case MappingStart mapping:
                Open(mapping, mapping.Anchor, isMapping: true);
                break;
            case SequenceStart sequence:
                Open(sequence, sequence.Anchor, isMapping: false);
                break;
            case MappingEnd or SequenceEnd:
                var frame = _frames[^1];
                _frames.RemoveAt(_frames.Count - 1);
                Completed(frame.Size, frame.Anchor, key: null);
                break;
            case Scalar scalar:
                Completed(1, scalar.Anchor, scalar.Value);
                break;
            case AnchorAlias alias:
                var size = _anchorSizes.GetValueOrDefault(alias.Value, 1);
                _aliasNodes += size;
                if (_aliasNodes > limits.MaxAliasNodes)
                {
                    throw Error(alias.Start, string.Create(CultureInfo.InvariantCulture,
                        $"aliases stand for more than {limits.MaxAliasNodes:N0} nodes in this document (an alias bomb?); repeat the content instead of nesting aliases"));
                }

                Completed(size, AnchorName.Empty, key: null);
                break;
        }

        return true;
    }

    /// <summary>The field path of the node the parser is at, such as <c>spec.containers[2].name</c>.</summary>
    public string Path
    {
        get
        {
            var path = new StringBuilder();
            foreach (var frame in _frames)
            {
                if (frame.IsMapping)
                {
                    if (frame.Key is not null)
                    {
                        path.Append(path.Length > 0 ? "." : "").Append(frame.Key);
                    }
                }
                else
                {
                    path.Append(CultureInfo.InvariantCulture, $"[{frame.Index}]");
                }
            }

            return path.Length <= MaxPathLength ? path.ToString()
                : string.Create(CultureInfo.InvariantCulture, $"{path.ToString(0, MaxPathLength)}… ({_frames.Count} levels)");
        }
    }

    // A path through hundreds of levels says nothing a reader can use beyond where it starts.
    private const int MaxPathLength = 60;

    /// <summary>An input error at <paramref name="at"/> naming the field the parser is in.</summary>
    public InputException Error(Mark at, string message) =>
        new(InputDiagnostic.Error(file, (int)at.Line, (int)at.Column, Path, message));

    private void Open(ParsingEvent start, AnchorName anchor, bool isMapping)
    {
        if (_frames.Count >= limits.MaxDepth)
        {
            throw Error(start.Start, string.Create(CultureInfo.InvariantCulture,
                $"nested more than {limits.MaxDepth} levels deep; Selene reads at most {limits.MaxDepth} levels of mappings and lists"));
        }

        _frames.Add(new Frame(isMapping, anchor));
    }

    private void Completed(long size, AnchorName anchor, string? key)
    {
        if (!anchor.IsEmpty)
        {
            _anchorSizes[anchor] = size;
        }

        if (_frames.Count == 0)
        {
            return;
        }

        var parent = _frames[^1];
        parent.Size = Math.Min(parent.Size + size, long.MaxValue / 2);
        if (parent.IsMapping)
        {
            parent.Key = parent.AtKey ? key ?? "?" : null;

            parent.AtKey = !parent.AtKey;
        }
        else
        {
            parent.Index++;
        }
    }

    private sealed class Frame(bool isMapping, AnchorName anchor)
    {
        public bool IsMapping { get; } = isMapping;

        public AnchorName Anchor { get; } = anchor;

        public long Size { get; set; } = 1;

        public bool AtKey { get; set; } = true;

        public string? Key { get; set; }

        public int Index { get; set; }
    }
}
