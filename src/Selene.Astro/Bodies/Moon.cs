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

        Span<double> multiples = stackalloc double[4 * MultiplesPerAngle];
        FillMultiples(multiples[..MultiplesPerAngle], d);
        FillMultiples(multiples[MultiplesPerAngle..(2 * MultiplesPerAngle)], m);
        FillMultiples(multiples[(2 * MultiplesPerAngle)..(3 * MultiplesPerAngle)], mp);
        FillMultiples(multiples[(3 * MultiplesPerAngle)..], f);
        Span<double> eccentricity = [1, e, e * e];

        double sumL = 0, sumR = 0;
        var terms = s_longitudeAndDistance;
        for (var i = 0; i < terms.Length; i++)
        {
            ref readonly var term = ref terms[i];
            var (sin, cos) = Combine(multiples, term);
            var scale = eccentricity[term.EccentricityPower];
            sumL += term.Sine * scale * sin;
            sumR += term.Cosine * scale * cos;
        }

        double sumB = 0;
        terms = s_latitude;
        for (var i = 0; i < terms.Length; i++)
        {
            ref readonly var term = ref terms[i];
            var (sin, _) = Combine(multiples, term);
            sumB += term.Sine * eccentricity[term.EccentricityPower] * sin;
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
        FrameRotations.EclipticOfDateToJ2000(centuriesTt, Angles.Cartesian(Ecliptic(centuriesTt)));

    private static double Polynomial(double t, double c0, double c1, double c2, double c3, double c4) =>
        c0 + (t * (c1 + (t * (c2 + (t * (c3 + (t * c4)))))));

    // Per angle, cos and sin of k·x for k = −4 … 4, so a term indexes its multiple without branches.
    private const int MultiplesPerAngle = 2 * ((2 * MaxMultiple) + 1);

    private static readonly Term[] s_longitudeAndDistance = LunarTheoryTerms.LongitudeAndDistance
        .Select(t => Term.Of(t.D, t.M, t.Mp, t.F, t.L, t.R)).ToArray();

    private static readonly Term[] s_latitude = LunarTheoryTerms.Latitude
        .Select(t => Term.Of(t.D, t.M, t.Mp, t.F, t.B, 0)).ToArray();

    private static void FillMultiples(Span<double> target, double angle)
    {
        var (s, c) = Math.SinCos(angle);
        var zero = 2 * MaxMultiple;
        target[zero] = 1;
        target[zero + 1] = 0;
        for (var k = 1; k <= MaxMultiple; k++)
        {
            var previousCos = target[zero + (2 * k) - 2];
            var previousSin = target[zero + (2 * k) - 1];
            var cos = (previousCos * c) - (previousSin * s);
            var sin = (previousSin * c) + (previousCos * s);
            target[zero + (2 * k)] = cos;
            target[zero + (2 * k) + 1] = sin;
            target[zero - (2 * k)] = cos;
            target[zero - (2 * k) + 1] = -sin;
        }
    }

    private static (double Sin, double Cos) Combine(ReadOnlySpan<double> multiples, in Term term)
    {
        double c1 = multiples[term.D], s1 = multiples[term.D + 1];
        double c2 = multiples[term.M], s2 = multiples[term.M + 1];
        double c3 = multiples[term.Mp], s3 = multiples[term.Mp + 1];
        double c4 = multiples[term.F], s4 = multiples[term.F + 1];
        var c12 = (c1 * c2) - (s1 * s2);
        var s12 = (s1 * c2) + (c1 * s2);
        var c34 = (c3 * c4) - (s3 * s4);
        var s34 = (s3 * c4) + (c3 * s4);
        return ((s12 * c34) + (c12 * s34), (c12 * c34) - (s12 * s34));
    }

    /// <summary>A table row with its multiples turned into indices and its coefficients into doubles.</summary>
    private readonly record struct Term(int D, int M, int Mp, int F, int EccentricityPower, double Sine, double Cosine)
    {
        public static Term Of(int d, int m, int mp, int f, double sine, double cosine) => new(
            Index(0, d), Index(1, m), Index(2, mp), Index(3, f), Math.Abs(m), sine, cosine);

        private static int Index(int angle, int k) => (angle * MultiplesPerAngle) + (2 * (k + MaxMultiple));
    }
}
