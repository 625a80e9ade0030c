using Selene.Astro.Bodies;
using Selene.Astro.Geometry;

namespace Selene.Astro.Frames;

/// <summary>Small helpers on angles and spherical coordinates.</summary>
public static class Angles
{
    /// <summary>Radians per degree.</summary>
    public const double Degree = Math.PI / 180;

    /// <summary>Radians per arcsecond.</summary>
    public const double ArcSecond = Degree / 3600;

    /// <summary>The angle reduced to [0, 2π).</summary>
    public static double Normalize(double radians)
    {
        var r = radians % (2 * Math.PI);
        return r < 0 ? r + (2 * Math.PI) : r;
    }

    /// <summary>Cartesian vector of a spherical position (x toward λ = 0, z toward the pole).</summary>
    public static Vector3D Cartesian(EclipticPosition p)
    {
        var (sinL, cosL) = Math.SinCos(p.LongitudeRadians);
        var (sinB, cosB) = Math.SinCos(p.LatitudeRadians);
        return new Vector3D(p.DistanceKm * cosB * cosL, p.DistanceKm * cosB * sinL, p.DistanceKm * sinB);
    }
}
