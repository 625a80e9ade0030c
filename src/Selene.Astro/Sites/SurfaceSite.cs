using Selene.Astro.Bodies;
using Selene.Astro.Frames;
using Selene.Astro.Geometry;
using Selene.Astro.Time;

namespace Selene.Astro.Sites;

/// <summary>
/// A place on the Earth or the Moon whose geocentric EME2000 position, local vertical and horizon Selene can
/// compute at any instant.
/// </summary>
public sealed record SurfaceSite
{
    /// <summary>WGS-84 equatorial radius, km.</summary>
    public const double Wgs84EquatorialRadiusKm = 6378.137;

    /// <summary>WGS-84 flattening.</summary>
    public const double Wgs84Flattening = 1 / 298.257223563;

    /// <summary>Earth or Moon.</summary>
    public SiteKind Kind { get; }

    /// <summary>Site name.</summary>
    public string Name { get; }

    /// <summary>Latitude, degrees (geodetic on Earth, planetocentric on the Moon).</summary>
    public double LatitudeDegrees { get; }

    /// <summary>East longitude, degrees.</summary>
    public double LongitudeDegrees { get; }

    /// <summary>Height above the ellipsoid (Earth) or the mean sphere (Moon), km.</summary>
    public double HeightKm { get; }

    /// <summary>Lowest elevation, degrees, at which a link to the other body is possible from here.</summary>
    public double ElevationMaskDegrees { get; }

    /// <summary>Terrain horizon; flat when none was given.</summary>
    public HorizonProfile Horizon { get; }

    /// <summary>The site's position in its body's fixed frame, km.</summary>
    public Vector3D BodyFixed { get; }

    /// <summary>The local vertical in the body's fixed frame (the ellipsoid normal on Earth).</summary>
    public Vector3D BodyFixedUp { get; }

    /// <summary>Creates a site.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A coordinate or the mask is out of range.</exception>
    public SurfaceSite(string name, SiteKind kind, double latitudeDegrees, double longitudeDegrees, double heightKm = 0,
        double? elevationMaskDegrees = null, HorizonProfile? horizon = null)
    {
        if (!(latitudeDegrees is >= -90 and <= 90))
        {
            throw new ArgumentOutOfRangeException(nameof(latitudeDegrees), latitudeDegrees, "latitude must be within ±90°");
        }

        if (!(longitudeDegrees is >= -180 and <= 360))
        {
            throw new ArgumentOutOfRangeException(nameof(longitudeDegrees), longitudeDegrees, "longitude must be within −180° and 360°");
        }

        var mask = elevationMaskDegrees ?? (kind == SiteKind.Earth ? 10 : 0);
        if (!(mask is >= -5 and < 90))
        {
            throw new ArgumentOutOfRangeException(nameof(elevationMaskDegrees), mask, "the elevation mask must be within −5° and 90°");
        }

        Name = name;
        Kind = kind;
        LatitudeDegrees = latitudeDegrees;
        LongitudeDegrees = longitudeDegrees;
        HeightKm = heightKm;
        ElevationMaskDegrees = mask;
        Horizon = horizon ?? HorizonProfile.Flat;
        (BodyFixed, BodyFixedUp) = kind == SiteKind.Earth ? Geodetic() : Planetocentric();
    }

    /// <summary>Geocentric EME2000 position at <paramref name="time"/>, km.</summary>
    public Vector3D PositionJ2000(AstroTime time) => Kind == SiteKind.Earth
        ? EarthRotation.EarthFixedToJ2000(time.JulianDateUt1, time.CenturiesTt).Apply(BodyFixed)
        : Moon.GeocentricJ2000(time.CenturiesTt) + MoonOrientation.BodyFixedToJ2000(time.JulianDateTt).Apply(BodyFixed);

    /// <summary>The local frame at <paramref name="time"/>: position, up, north and east (unit vectors), EME2000.</summary>
    public LocalFrame FrameJ2000(AstroTime time)
    {
        Vector3D position;
        Geometry.Rotation toJ2000;
        if (Kind == SiteKind.Earth)
        {
            toJ2000 = EarthRotation.EarthFixedToJ2000(time.JulianDateUt1, time.CenturiesTt);
            position = toJ2000.Apply(BodyFixed);
        }
        else
        {
            toJ2000 = MoonOrientation.BodyFixedToJ2000(time.JulianDateTt);
            position = Moon.GeocentricJ2000(time.CenturiesTt) + toJ2000.Apply(BodyFixed);
        }

        var up = toJ2000.Apply(BodyFixedUp);
        var pole = toJ2000.Apply(new Vector3D(0, 0, 1));
        var east = pole.Cross(up);
        // At a pole "east" is undefined; any horizontal direction serves, so take the prime meridian's.
        east = east.Length < 1e-12 ? toJ2000.Apply(new Vector3D(0, 1, 0)) : east.Normalize();
        var north = up.Cross(east);
        return new LocalFrame(position, up, north, east);
    }

    private (Vector3D Position, Vector3D Up) Geodetic()
    {
        var (sinLat, cosLat) = Math.SinCos(LatitudeDegrees * Angles.Degree);
        var (sinLon, cosLon) = Math.SinCos(LongitudeDegrees * Angles.Degree);
        var e2 = Wgs84Flattening * (2 - Wgs84Flattening);
        var n = Wgs84EquatorialRadiusKm / Math.Sqrt(1 - (e2 * sinLat * sinLat));
        var position = new Vector3D((n + HeightKm) * cosLat * cosLon, (n + HeightKm) * cosLat * sinLon, ((n * (1 - e2)) + HeightKm) * sinLat);
        return (position, new Vector3D(cosLat * cosLon, cosLat * sinLon, sinLat));
    }

    private (Vector3D Position, Vector3D Up) Planetocentric()
    {
        var (sinLat, cosLat) = Math.SinCos(LatitudeDegrees * Angles.Degree);
        var (sinLon, cosLon) = Math.SinCos(LongitudeDegrees * Angles.Degree);
        var up = new Vector3D(cosLat * cosLon, cosLat * sinLon, sinLat);
        return (up * (Moon.MeanRadiusKm + HeightKm), up);
    }
}

/// <summary>A site's local frame in EME2000.</summary>
/// <param name="Position">Geocentric position, km.</param>
/// <param name="Up">Local vertical.</param>
/// <param name="North">Horizontal, toward the body's north pole.</param>
/// <param name="East">Horizontal, toward the east.</param>
public readonly record struct LocalFrame(Vector3D Position, Vector3D Up, Vector3D North, Vector3D East)
{
    /// <summary>Elevation above the horizontal plane of a geocentric point, degrees.</summary>
    public double ElevationDegrees(Vector3D target)
    {
        var line = target - Position;
        return Math.Asin(Math.Clamp(line.Dot(Up) / line.Length, -1, 1)) / Angles.Degree;
    }

    /// <summary>Azimuth of a geocentric point, degrees from north through east, 0 to 360.</summary>
    public double AzimuthDegrees(Vector3D target)
    {
        var line = target - Position;
        var azimuth = Math.Atan2(line.Dot(East), line.Dot(North)) / Angles.Degree;
        return azimuth < 0 ? azimuth + 360 : azimuth;
    }
}
