using System.Globalization;

namespace Selene.Core.Time;

/// <summary>
/// Reads and writes durations as people write them in scenario files: <c>1.282s</c>, <c>500ms</c>,
/// <c>90m</c>, <c>24h</c>, <c>30d</c>. A bare number is seconds.
/// </summary>
public static class DurationText
{
    // Longest suffix first so "ms" is not read as "m" followed by garbage.
    private static readonly (string Suffix, double Seconds)[] s_units =
    [
        ("ms", 1e-3),
        ("us", 1e-6),
        ("s", 1),
        ("m", 60),
        ("h", 3600),
        ("d", 86400),
        ("w", 7 * 86400),
    ];

    /// <summary>Parses a duration into seconds; returns false for text that is not a duration.</summary>
    public static bool TryParseSeconds(string? text, out double seconds)
    {
        seconds = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        var scale = 1.0;
        foreach (var (suffix, unitSeconds) in s_units)
        {
            if (span.EndsWith(suffix, StringComparison.Ordinal))
            {
                span = span[..^suffix.Length].TrimEnd();
                scale = unitSeconds;
                break;
            }
        }

        if (!double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value))
        {
            return false;
        }

        seconds = value * scale;
        return true;
    }

    /// <summary>Formats seconds with the largest unit that divides it evenly enough to read well.</summary>
    public static string Format(double seconds)
    {
        var abs = Math.Abs(seconds);
        return abs switch
        {
            0 => "0s",
            >= 86400 when seconds % 86400 == 0 => Invariant(seconds / 86400, "d"),
            >= 3600 when seconds % 3600 == 0 => Invariant(seconds / 3600, "h"),
            >= 60 when seconds % 60 == 0 => Invariant(seconds / 60, "m"),
            < 1 => Invariant(seconds * 1000, "ms"),
            _ => Invariant(seconds, "s"),
        };
    }

    /// <summary>
    /// Formats seconds for people, with one decimal in the unit that suits the size:
    /// <c>850 ms</c>, <c>1.3 s</c>, <c>4.5 min</c>, <c>26 h</c>.
    /// </summary>
    public static string Humanize(double seconds) => seconds switch
    {
        < 1 => (seconds * 1000).ToString("0.#", CultureInfo.InvariantCulture) + " ms",
        < 120 => seconds.ToString("0.#", CultureInfo.InvariantCulture) + " s",
        < 7200 => (seconds / 60).ToString("0.#", CultureInfo.InvariantCulture) + " min",
        _ => (seconds / 3600).ToString("0.#", CultureInfo.InvariantCulture) + " h",
    };

    private static string Invariant(double value, string unit) =>
        value.ToString("0.###", CultureInfo.InvariantCulture) + unit;
}
