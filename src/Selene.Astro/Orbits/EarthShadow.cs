using Selene.Astro.Geometry;
using Selene.Astro.Sites;

namespace Selene.Astro.Orbits;

/// <summary>
/// Whether an Earth-orbiting point sees the Sun: the cylindrical shadow (the Earth's shadow as a cylinder of its
/// radius, a yes/no answer) and the conical one (umbra and penumbra from the apparent disks of the Sun and the
/// Earth, giving the fraction of the solar disk visible; Montenbruck and Gill, Satellite Orbits, §3.4.2).
/// </summary>
public static class EarthShadow
{
    /// <summary>True when <paramref name="satellite"/> is inside the Earth's cylindrical shadow; positions geocentric, km.</summary>
    public static bool InCylindricalShadow(Vector3D satellite, Vector3D sun)
    {
        var towardSun = sun.Normalize();
        var along = satellite.Dot(towardSun);
        return along < 0 && (satellite - (towardSun * along)).Length < SurfaceSite.Wgs84EquatorialRadiusKm;
    }

    /// <summary>Fraction of the solar disk visible from <paramref name="satellite"/> (1 in sunlight, 0 in umbra).</summary>
    public static double SunlitFraction(Vector3D satellite, Vector3D sun)
    {
        var toSun = sun - satellite;
        var toEarth = -satellite;
        var sunRadius = Math.Asin(Bodies.Sun.RadiusKm / toSun.Length);
        var earthRadius = Math.Asin(SurfaceSite.Wgs84EquatorialRadiusKm / toEarth.Length);
        var separation = toSun.AngleTo(toEarth);
        if (separation >= sunRadius + earthRadius)
        {
            return 1;
        }

        if (separation <= earthRadius - sunRadius)
        {
            return 0;
        }

        if (separation <= sunRadius - earthRadius)
        {
            return 1 - ((earthRadius * earthRadius) / (sunRadius * sunRadius));
        }

        // Partial overlap of two disks of radii a (Sun) and b (Earth) at distance c: the lens area.
        double a = sunRadius, b = earthRadius, c = separation;
        var x = ((c * c) + (a * a) - (b * b)) / (2 * c);
        var y = Math.Sqrt(Math.Max(0, (a * a) - (x * x)));
        var overlap = (a * a * Math.Acos(x / a)) + (b * b * Math.Acos((c - x) / b)) - (c * y);
        return 1 - (overlap / (Math.PI * a * a));
    }
}
