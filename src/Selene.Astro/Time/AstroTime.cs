using System.Globalization;

namespace Selene.Astro.Time;

/// <summary>
/// An instant on the time scales astronomy needs: UTC (civil time), TAI, TT (the ephemerides' argument) and
/// UT1 (the Earth's rotation), with Julian dates. From 1972, TAI = UTC + leap seconds, TT = TAI + 32.184 s, and
/// UT1 is taken equal to UTC (they differ by less than 0.9 s by definition, 14″ of Earth rotation). Before
/// 1972, UTC is taken as UT1 and TT = UT1 + ΔT. Valid 1900–2100, the range of the ΔT model.
/// </summary>
public readonly record struct AstroTime
{
    /// <summary>TT − TAI, exactly.</summary>
    public const double TtMinusTaiSeconds = 32.184;

    /// <summary>Julian date of the J2000.0 epoch (2000-01-01 12:00 TT).</summary>
    public const double J2000 = 2451545.0;

    /// <summary>Days in a Julian century.</summary>
    public const double DaysPerCentury = 36525.0;

    private const double SecondsPerDay = 86400.0;
    private const double UnixEpochJulianDate = 2440587.5;

    private AstroTime(DateTime utc, double ttMinusUtc)
    {
        Utc = utc;
        TtMinusUtcSeconds = ttMinusUtc;
    }

    /// <summary>The first instant supported.</summary>
    public static DateTime First { get; } = new(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The end of the supported range (exclusive).</summary>
    public static DateTime End { get; } = new(2101, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The instant in UTC.</summary>
    public DateTime Utc { get; }

    /// <summary>TT − UTC in seconds at this instant.</summary>
    public double TtMinusUtcSeconds { get; }

    /// <summary>Julian date in UTC (and UT1, which Selene takes as equal).</summary>
    public double JulianDateUtc => UnixEpochJulianDate + ((Utc - DateTime.UnixEpoch).Ticks / (double)TimeSpan.TicksPerDay);

    /// <summary>Julian date in UT1: the argument of the Earth's rotation.</summary>
    public double JulianDateUt1 => JulianDateUtc;

    /// <summary>Julian date in TT: the argument of the ephemerides.</summary>
    public double JulianDateTt => JulianDateUtc + (TtMinusUtcSeconds / SecondsPerDay);

    /// <summary>Julian centuries of TT since J2000.0.</summary>
    public double CenturiesTt => (JulianDateTt - J2000) / DaysPerCentury;

    /// <summary>The instant in TAI, as a date-time on the TAI scale.</summary>
    public DateTime Tai => Utc.AddSeconds(TtMinusUtcSeconds - TtMinusTaiSeconds);

    /// <summary>The instant in TT, as a date-time on the TT scale.</summary>
    public DateTime Tt => Utc.AddSeconds(TtMinusUtcSeconds);

    /// <summary>ΔT = TT − UT1 in seconds.</summary>
    public double DeltaTSeconds => TtMinusUtcSeconds;

    /// <summary>The instant at <paramref name="utc"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The instant is outside 1900–2100.</exception>
    public static AstroTime FromUtc(DateTime utc)
    {
        utc = utc.Kind == DateTimeKind.Local ? utc.ToUniversalTime() : DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        if (utc < First || utc >= End)
        {
            throw new ArgumentOutOfRangeException(nameof(utc), utc.ToString("u", CultureInfo.InvariantCulture),
                "Selene's time scales cover 1900-01-01 to 2100-12-31 (the range of its ΔT model)");
        }

        var ttMinusUtc = utc >= LeapSeconds.TableStart
            ? LeapSeconds.TaiMinusUtc(utc) + TtMinusTaiSeconds
            : DeltaT.Seconds(DecimalYear(utc));
        return new AstroTime(utc, ttMinusUtc);
    }

    /// <summary>The instant at <paramref name="utc"/>.</summary>
    public static AstroTime FromUtc(DateTimeOffset utc) => FromUtc(utc.UtcDateTime);

    /// <summary>The instant whose Julian date in TT is <paramref name="julianDateTt"/>.</summary>
    public static AstroTime FromJulianDateTt(double julianDateTt)
    {
        // TT − UTC changes by whole seconds at most; two passes settle it, except within a second of a leap.
        var guess = FromUtc(FromJulianDate(julianDateTt));
        for (var i = 0; i < 2; i++)
        {
            guess = FromUtc(FromJulianDate(julianDateTt - (guess.TtMinusUtcSeconds / SecondsPerDay)));
        }

        return guess;
    }

    /// <summary>The UTC date-time whose Julian date is <paramref name="julianDate"/>.</summary>
    public static DateTime FromJulianDate(double julianDate) =>
        DateTime.UnixEpoch.AddTicks((long)Math.Round((julianDate - UnixEpochJulianDate) * TimeSpan.TicksPerDay));

    /// <summary>This instant plus <paramref name="seconds"/> of UTC.</summary>
    public AstroTime AddSeconds(double seconds) => FromUtc(Utc.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond)));

    /// <summary>The year with its fraction, for ΔT.</summary>
    public static double DecimalYear(DateTime utc)
    {
        var start = new DateTime(utc.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var length = start.AddYears(1) - start;
        return utc.Year + ((utc - start).Ticks / (double)length.Ticks);
    }
}
