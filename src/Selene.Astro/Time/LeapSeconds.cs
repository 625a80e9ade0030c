namespace Selene.Astro.Time;

/// <summary>
/// TAI − UTC since 1972, from IERS Bulletin C (the table published as <c>leap_seconds.list</c>):
/// 37 s since 2017-01-01, and no leap second announced since. Before 1972 UTC had no integral offset;
/// Selene treats earlier UTC as UT1 (see <see cref="AstroTime"/>).
/// </summary>
public static class LeapSeconds
{
    /// <summary>The first instant of the table: 1972-01-01 UTC.</summary>
    public static DateTime TableStart { get; } = new(1972, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    // (UTC date from which it applies, TAI − UTC in seconds)
    private static readonly (DateTime From, int Seconds)[] s_table =
    [
        (new(1972, 1, 1), 10), (new(1972, 7, 1), 11), (new(1973, 1, 1), 12), (new(1974, 1, 1), 13),
        (new(1975, 1, 1), 14), (new(1976, 1, 1), 15), (new(1977, 1, 1), 16), (new(1978, 1, 1), 17),
        (new(1979, 1, 1), 18), (new(1980, 1, 1), 19), (new(1981, 7, 1), 20), (new(1982, 7, 1), 21),
        (new(1983, 7, 1), 22), (new(1985, 7, 1), 23), (new(1988, 1, 1), 24), (new(1990, 1, 1), 25),
        (new(1991, 1, 1), 26), (new(1992, 7, 1), 27), (new(1993, 7, 1), 28), (new(1994, 7, 1), 29),
        (new(1996, 1, 1), 30), (new(1997, 7, 1), 31), (new(1999, 1, 1), 32), (new(2006, 1, 1), 33),
        (new(2009, 1, 1), 34), (new(2012, 7, 1), 35), (new(2015, 7, 1), 36), (new(2017, 1, 1), 37),
    ];

    /// <summary>TAI − UTC in seconds at <paramref name="utc"/>; on or after 1972-01-01 only.</summary>
    public static int TaiMinusUtc(DateTime utc)
    {
        if (utc < TableStart)
        {
            throw new ArgumentOutOfRangeException(nameof(utc), utc, "UTC has integral leap seconds only from 1972-01-01");
        }

        var seconds = s_table[0].Seconds;
        foreach (var (from, value) in s_table)
        {
            if (utc < from)
            {
                break;
            }

            seconds = value;
        }

        return seconds;
    }
}
