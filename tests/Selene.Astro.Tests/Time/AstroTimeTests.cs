using Selene.Astro.Time;

namespace Selene.Astro.Tests.Time;

public class AstroTimeTests
{
    private static DateTime Utc(int y, int m, int d, int h = 0, int min = 0, int s = 0) => new(y, m, d, h, min, s, DateTimeKind.Utc);

    [Theory]
    [InlineData(1972, 1, 1, 10)]
    [InlineData(1999, 12, 31, 32)]
    [InlineData(2016, 12, 31, 36)]
    [InlineData(2017, 1, 1, 37)]
    [InlineData(2026, 11, 28, 37)]
    public void TAI_minus_UTC_follows_the_IERS_leap_second_table(int y, int m, int d, int seconds) =>
        Assert.Equal(seconds, LeapSeconds.TaiMinusUtc(Utc(y, m, d)));

    [Fact]
    public void TT_is_TAI_plus_32_184_s_and_J2000_falls_at_11_58_55_816_UTC()
    {
        // J2000.0 is 2000-01-01 12:00:00 TT = 11:58:55.816 UTC (TAI − UTC = 32 s then).
        var j2000 = AstroTime.FromUtc(new DateTime(2000, 1, 1, 11, 58, 55, 816, DateTimeKind.Utc));
        Assert.Equal(AstroTime.J2000, j2000.JulianDateTt, 9);
        Assert.Equal(64.184, j2000.TtMinusUtcSeconds, 9);
        Assert.Equal(new DateTime(2000, 1, 1, 11, 59, 27, 816, DateTimeKind.Utc), j2000.Tai);
    }

    [Theory]
    [InlineData(1957, 10, 4, 2436115.5)] // Sputnik 1: Meeus example 7.a gives JD 2436116.31 for 19:26:24
    [InlineData(2000, 1, 1, 2451544.5)]
    [InlineData(1900, 1, 1, 2415020.5)]
    public void Julian_dates_match_Meeus(int y, int m, int d, double julianDate) =>
        Assert.Equal(julianDate, AstroTime.FromUtc(Utc(y, m, d)).JulianDateUtc, 9);

    [Fact]
    public void Julian_dates_convert_both_ways()
    {
        var instant = AstroTime.FromUtc(Utc(2027, 3, 14, 15, 9, 26));
        // A Julian date in a double resolves about 40 µs.
        var resolution = TimeSpan.FromMilliseconds(0.1);
        Assert.Equal(instant.Utc, AstroTime.FromJulianDate(instant.JulianDateUtc), resolution);
        Assert.Equal(instant.Utc, AstroTime.FromJulianDateTt(instant.JulianDateTt).Utc, resolution);
        var before1972 = AstroTime.FromUtc(Utc(1950, 6, 1));
        Assert.Equal(before1972.Utc, AstroTime.FromJulianDateTt(before1972.JulianDateTt).Utc, resolution);
    }

    [Theory]
    [InlineData(1900.0, -2.79)]
    [InlineData(1950.0, 29.07)]
    [InlineData(1975.0, 45.45)]
    [InlineData(2000.0, 63.86)]
    public void Delta_T_follows_the_Espenak_Meeus_polynomials_at_their_anchor_years(double year, double seconds) =>
        Assert.Equal(seconds, DeltaT.Seconds(year), 2);

    [Fact]
    public void Delta_T_is_continuous_with_the_leap_second_era_in_1972()
    {
        // Observed ΔT on 1972-01-01 was 42.23 s; the model and TAI − UTC + 32.184 s agree to a fraction of a second.
        Assert.InRange(DeltaT.Seconds(1972.0), 42.0, 42.5);
        Assert.Equal(42.184, AstroTime.FromUtc(Utc(1972, 1, 1)).DeltaTSeconds, 6);
    }

    [Theory]
    [InlineData(1899, 12, 31)]
    [InlineData(2101, 1, 1)]
    public void Instants_outside_1900_to_2100_are_refused(int y, int m, int d) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AstroTime.FromUtc(Utc(y, m, d)));
}
