using System.Text.RegularExpressions;

namespace Selene.Simulation.Sweeps;

/// <summary>The dotted paths sweeps use, into a scenario or into metrics.json: <c>key[item].key</c>, split into segments.</summary>
internal static partial class PathSegments
{
    /// <summary>The segments of <paramref name="text"/> (each key with the item picked from it, or null); null when it is not a path.</summary>
    public static (string Key, string? Item)[]? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var segments = new List<(string, string?)>();
        foreach (var part in text.Split('.'))
        {
            var match = Segment().Match(part);
            if (!match.Success)
            {
                return null;
            }

            segments.Add((match.Groups["key"].Value, match.Groups["item"].Success ? match.Groups["item"].Value : null));
        }

        return [.. segments];
    }

    [GeneratedRegex(@"^(?<key>[A-Za-z][A-Za-z0-9_-]*)(\[(?<item>[^\[\]]+)\])?$")]
    private static partial Regex Segment();
}
