using Selene.Astro.Geometry;

namespace Selene.Astro.Frames;

/// <summary>
/// The Earth's orientation: Greenwich mean sidereal time (Meeus 12.4, IAU 1982) turns Earth-fixed vectors into
/// the mean equator and equinox of date, and precession takes them on to EME2000. Nutation (under 20″) and
/// polar motion (under 1″) are left out: they move a station's direction by less than 0.01°.
/// </summary>
public static class EarthRotation
{
    /// <summary>Greenwich mean sidereal time, radians, at Julian date <paramref name="julianDateUt1"/> (UT1).</summary>
    public static double MeanSiderealTime(double julianDateUt1)
    {
        var d = julianDateUt1 - 2451545.0;
        var t = d / 36525.0;
        var degrees = 280.46061837 + (360.98564736629 * d) + (0.000387933 * t * t) - (t * t * t / 38710000);
        return Angles.Normalize(degrees * Angles.Degree);
    }

    /// <summary>The rotation from the Earth-fixed frame (ITRF, approximately) to EME2000.</summary>
    public static Rotation EarthFixedToJ2000(double julianDateUt1, double centuriesTt) =>
        FrameRotations.J2000ToDate(centuriesTt).Transpose() * Rotation.AboutZ(-MeanSiderealTime(julianDateUt1));
}
