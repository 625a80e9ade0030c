using Selene.Astro.Frames;
using Selene.Astro.Geometry;

namespace Selene.Astro.Bodies;

/// <summary>
/// The Moon's geocentric position from Meeus's truncation of ELP-2000/82 (<i>Astronomical Algorithms</i>,
/// 2nd ed., chapter 47): about 10″ in longitude, 4″ in latitude and a few kilometres in distance.
/// Allocation-free; the multiples of the four arguments come from angle-addition recurrences, so a position
/// costs four sine-cosine pairs instead of one per term.
/// </summary>
public static class Moon
{
    /// <summary>Mean radius, km (IAU WGCCRE 2009).</summary>
    public const double MeanRadiusKm = 1737.4;

    private const double Degree = Math.PI / 180;
    private const int MaxMultiple = 4;

    /// <summary>Geocentric ecliptic position, mean equinox of date, without nutation, at <paramref name="centuriesTt"/>.</summary>
    /// <param name="centuriesTt">Julian centuries of TT since J2000.0.</param>
    public static EclipticPosition Ecliptic(double centuriesTt)
    {
        var t = centuriesTt;
        var meanLongitude = Degree * Polynomial(t, 218.3164477, 481267.88123421, -0.0015786, 1.0 / 538841, -1.0 / 65194000);
        var d = Degree * Polynomial(t, 297.8501921, 445267.1114034, -0.0018819, 1.0 / 545868, -1.0 / 113065000);
        var m = Degree * Polynomial(t, 357.5291092, 35999.0502909, -0.0001536, 1.0 / 24490000, 0);
        var mp = Degree * Polynomial(t, 134.9633964, 477198.8675055, 0.0087414, 1.0 / 69699, -1.0 / 14712000);
        var f = Degree * Polynomial(t, 93.2720950, 483202.0175233, -0.0036539, -1.0 / 3526000, 1.0 / 863310000);
        var a1 = Degree * (119.75 + (131.849 * t));
        var a2 = Degree * (53.09 + (479264.290 * t));
        var a3 = Degree * (313.45 + (481266.484 * t));
        var e = 1 - (0.002516 * t) - (0.0000074 * t * t);

        Span<double> multiples = stackalloc double[4 * 2 * (MaxMultiple + 1)];
        FillMultiples(multiples[..10], d);
        FillMultiples(multiples[10..20], m);
        FillMultiples(multiples[20..30], mp);
        FillMultiples(multiples[30..40], f);

        double sumL = 0, sumR = 0;
        foreach (var term in LunarTheoryTerms.LongitudeAndDistance)
        {
            var (sin, cos) = Combine(multiples, term.D, term.M, term.Mp, term.F);
            var scale = Eccentricity(term.M, e);
            sumL += term.L * scale * sin;
            sumR += term.R * scale * cos;
        }

        double sumB = 0;
        foreach (var term in LunarTheoryTerms.Latitude)
        {
            var (sin, _) = Combine(multiples, term.D, term.M, term.Mp, term.F);
            sumB += term.B * Eccentricity(term.M, e) * sin;
        }

        // Additive terms for Venus (A1), Jupiter (A2) and the Earth's flattening (L′), Meeus p. 342.
        sumL += (3958 * Math.Sin(a1)) + (1962 * Math.Sin(meanLongitude - f)) + (318 * Math.Sin(a2));
        sumB += (-2235 * Math.Sin(meanLongitude)) + (382 * Math.Sin(a3)) + (175 * Math.Sin(a1 - f))
            + (175 * Math.Sin(a1 + f)) + (127 * Math.Sin(meanLongitude - mp)) - (115 * Math.Sin(meanLongitude + mp));

        var longitude = Angles.Normalize(meanLongitude + (Degree * sumL * 1e-6));
        return new EclipticPosition(longitude, Degree * sumB * 1e-6, 385000.56 + (sumR * 1e-3));
    }

    /// <summary>Geocentric position in the mean equator and equinox of J2000.0 (EME2000), km.</summary>
    public static Vector3D GeocentricJ2000(double centuriesTt) =>
        FrameRotations.EclipticOfDateToJ2000(centuriesTt).Apply(Angles.Cartesian(Ecliptic(centuriesTt)));

    private static double Polynomial(double t, double c0, double c1, double c2, double c3, double c4) =>
        c0 + (t * (c1 + (t * (c2 + (t * (c3 + (t * c4)))))));

    private static double Eccentricity(int m, double e) => m switch
    {
        0 => 1,
        1 or -1 => e,
        _ => e * e,
    };

    // Layout per angle: cos k·x at [2k], sin k·x at [2k + 1], k = 0..4.
    private static void FillMultiples(Span<double> target, double angle)
    {
        var (s, c) = Math.SinCos(angle);
        target[0] = 1;
        target[1] = 0;
        for (var k = 1; k <= MaxMultiple; k++)
        {
            var previousCos = target[(2 * k) - 2];
            var previousSin = target[(2 * k) - 1];
            target[2 * k] = (previousCos * c) - (previousSin * s);
            target[(2 * k) + 1] = (previousSin * c) + (previousCos * s);
        }
    }

    private static (double Sin, double Cos) Combine(ReadOnlySpan<double> multiples, int d, int m, int mp, int f)
    {
        var (c1, s1) = Multiple(multiples, 0, d);
        var (c2, s2) = Multiple(multiples, 10, m);
        var (c3, s3) = Multiple(multiples, 20, mp);
        var (c4, s4) = Multiple(multiples, 30, f);
        var c12 = (c1 * c2) - (s1 * s2);
        var s12 = (s1 * c2) + (c1 * s2);
        var c34 = (c3 * c4) - (s3 * s4);
        var s34 = (s3 * c4) + (c3 * s4);
        return ((s12 * c34) + (c12 * s34), (c12 * c34) - (s12 * s34));
    }

    private static (double Cos, double Sin) Multiple(ReadOnlySpan<double> multiples, int offset, int k)
    {
        var index = offset + (2 * Math.Abs(k));
        return (multiples[index], k < 0 ? -multiples[index + 1] : multiples[index + 1]);
    }
}
