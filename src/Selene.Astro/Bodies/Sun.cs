using Selene.Astro.Frames;
using Selene.Astro.Geometry;

namespace Selene.Astro.Bodies;

/// <summary>
/// The Sun's geocentric position from Meeus, <i>Astronomical Algorithms</i>, 2nd ed., chapter 25 (the
/// low-accuracy method, 0.01°): geometric longitude and distance, mean equinox of date, latitude taken as 0.
/// </summary>
public static class Sun
{
    /// <summary>The astronomical unit, km (IAU 2012 Resolution B2, exact).</summary>
    public const double AstronomicalUnitKm = 149_597_870.7;

    /// <summary>The Sun's nominal radius, km (IAU 2015 Resolution B3).</summary>
    public const double RadiusKm = 695_700;

    private const double Degree = Math.PI / 180;

    /// <summary>Geocentric ecliptic position at <paramref name="centuriesTt"/>.</summary>
    public static EclipticPosition Ecliptic(double centuriesTt)
    {
        var t = centuriesTt;
        var meanLongitude = 280.46646 + (36000.76983 * t) + (0.0003032 * t * t);
        var meanAnomaly = Degree * (357.52911 + (35999.05029 * t) - (0.0001537 * t * t));
        var eccentricity = 0.016708634 - (0.000042037 * t) - (0.0000001267 * t * t);
        var center = ((1.914602 - (0.004817 * t) - (0.000014 * t * t)) * Math.Sin(meanAnomaly))
            + ((0.019993 - (0.000101 * t)) * Math.Sin(2 * meanAnomaly))
            + (0.000289 * Math.Sin(3 * meanAnomaly));
        var trueAnomaly = meanAnomaly + (Degree * center);
        var radiusAu = 1.000001018 * (1 - (eccentricity * eccentricity)) / (1 + (eccentricity * Math.Cos(trueAnomaly)));
        return new EclipticPosition(Angles.Normalize(Degree * (meanLongitude + center)), 0, radiusAu * AstronomicalUnitKm);
    }

    /// <summary>Geocentric position in EME2000, km.</summary>
    public static Vector3D GeocentricJ2000(double centuriesTt) =>
        FrameRotations.EclipticOfDateToJ2000(centuriesTt, Angles.Cartesian(Ecliptic(centuriesTt)));
}
