using System.Globalization;

namespace Selene.Core.Units;

/// <summary>
/// Reads byte sizes as Kubernetes and people write them: <c>512</c>, <c>4Ki</c>, <c>8Mi</c>, <c>1Gi</c>
/// (powers of 1024) and <c>4k</c>, <c>8M</c>, <c>1G</c>, also <c>4KB</c>, <c>8MB</c> (powers of 1000).
/// </summary>
public static class ByteSizeText
{
    private static readonly (string Suffix, double Bytes)[] s_units =
    [
        ("Ki", 1024d), ("Mi", 1024d * 1024), ("Gi", 1024d * 1024 * 1024), ("Ti", 1024d * 1024 * 1024 * 1024),
        ("KB", 1e3), ("MB", 1e6), ("GB", 1e9), ("TB", 1e12),
        ("k", 1e3), ("K", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12),
        ("B", 1),
    ];

    /// <summary>Parses a size into bytes; returns false for text that is not a non-negative size.</summary>
    public static bool TryParseBytes(string? text, out double bytes)
    {
        bytes = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        var scale = 1.0;
        foreach (var (suffix, unitBytes) in s_units)
        {
            if (span.EndsWith(suffix, StringComparison.Ordinal))
            {
                span = span[..^suffix.Length].TrimEnd();
                scale = unitBytes;
                break;
            }
        }

        if (!double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value) || value < 0)
        {
            return false;
        }

        bytes = value * scale;
        return true;
    }
}
