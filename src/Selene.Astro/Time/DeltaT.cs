namespace Selene.Astro.Time;

/// <summary>
/// ΔT = TT − UT1, in seconds, from the polynomial expressions of Espenak and Meeus ("Five Millennium Canon of
/// Solar Eclipses", NASA/TP-2006-214141, §2.6; eclipse.gsfc.nasa.gov/SEcat5/deltatpoly.html) for 1900–2100.
/// They fit the observed ΔT to within about a second over 1900–2005 and extrapolate after.
/// </summary>
public static class DeltaT
{
    /// <summary>The first year the model covers.</summary>
    public const double FirstYear = 1900;

    /// <summary>The end of the last year the model covers.</summary>
    public const double LastYear = 2101;

    /// <summary>ΔT at the decimal year <paramref name="year"/> (for example 2027.5 for mid-2027).</summary>
    public static double Seconds(double year)
    {
        if (!(year >= FirstYear && year < LastYear))
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, "ΔT is modelled for 1900–2100 only");
        }

        double t;
        switch (year)
        {
            case < 1920:
                t = year - 1900;
                return -2.79 + (1.494119 * t) - (0.0598939 * t * t) + (0.0061966 * t * t * t) - (0.000197 * t * t * t * t);
            case < 1941:
                t = year - 1920;
                return 21.20 + (0.84493 * t) - (0.076100 * t * t) + (0.0020936 * t * t * t);
            case < 1961:
                t = year - 1950;
                return 29.07 + (0.407 * t) - (t * t / 233) + (t * t * t / 2547);
            case < 1986:
                t = year - 1975;
                return 45.45 + (1.067 * t) - (t * t / 260) - (t * t * t / 718);
            case < 2005:
                t = year - 2000;
                return 63.86 + (0.3345 * t) - (0.060374 * t * t) + (0.0017275 * t * t * t)
                    + (0.000651814 * t * t * t * t) + (0.00002373599 * t * t * t * t * t);
            case < 2050:
                t = year - 2000;
                return 62.92 + (0.32217 * t) + (0.005589 * t * t);
            default:
                var u = (year - 1820) / 100;
                return -20 + (32 * u * u) - (0.5628 * (2150 - year));
        }
    }
}
