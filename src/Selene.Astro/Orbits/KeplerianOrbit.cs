using Selene.Astro.Frames;
using Selene.Astro.Geometry;
using Selene.Astro.Time;

namespace Selene.Astro.Orbits;

/// <summary>
/// A two-body Earth orbit in EME2000, from classical elements at an epoch: Kepler's equation solved by
/// Newton's method each call. No perturbations (J2 moves a LEO node by about 5° a day; use short spans or
/// refresh the elements).
/// </summary>
public sealed record KeplerianOrbit
{
    /// <summary>The Earth's gravitational parameter, km³/s² (WGS-84 / EGM96, 398 600.4418).</summary>
    public const double EarthMu = 398_600.4418;

    /// <summary>Creates an orbit; the semi-major axis must exceed the Earth's radius and 0 ≤ e &lt; 1.</summary>
    public KeplerianOrbit(double semiMajorAxisKm, double eccentricity, double inclinationDegrees, double raanDegrees,
        double argumentOfPerigeeDegrees, double meanAnomalyDegrees, DateTime epochUtc)
    {
        if (!(semiMajorAxisKm * (1 - eccentricity) > Sites.SurfaceSite.Wgs84EquatorialRadiusKm) || !(eccentricity is >= 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(semiMajorAxisKm), semiMajorAxisKm,
                "the orbit must clear the Earth (perigee above 6378 km) with 0 ≤ eccentricity < 1");
        }

        if (!(inclinationDegrees is >= 0 and <= 180))
        {
            throw new ArgumentOutOfRangeException(nameof(inclinationDegrees), inclinationDegrees, "inclination must be within 0° and 180°");
        }

        SemiMajorAxisKm = semiMajorAxisKm;
        Eccentricity = eccentricity;
        InclinationDegrees = inclinationDegrees;
        RaanDegrees = raanDegrees;
        ArgumentOfPerigeeDegrees = argumentOfPerigeeDegrees;
        MeanAnomalyDegrees = meanAnomalyDegrees;
        EpochUtc = epochUtc;
        MeanMotion = Math.Sqrt(EarthMu / (semiMajorAxisKm * semiMajorAxisKm * semiMajorAxisKm));
        _toJ2000 = KeplerEquation.PerifocalToReference(inclinationDegrees * Angles.Degree, raanDegrees * Angles.Degree, argumentOfPerigeeDegrees * Angles.Degree);
    }

    private readonly Rotation _toJ2000;

    /// <summary>A circular orbit at <paramref name="altitudeKm"/> above the equatorial radius.</summary>
    public static KeplerianOrbit Circular(double altitudeKm, double inclinationDegrees, double raanDegrees, double argumentOfLatitudeDegrees, DateTime epochUtc) =>
        new(Sites.SurfaceSite.Wgs84EquatorialRadiusKm + altitudeKm, 0, inclinationDegrees, raanDegrees, 0, argumentOfLatitudeDegrees, epochUtc);

    /// <summary>Semi-major axis, km.</summary>
    public double SemiMajorAxisKm { get; }

    /// <summary>Eccentricity.</summary>
    public double Eccentricity { get; }

    /// <summary>Inclination to the J2000 equator, degrees.</summary>
    public double InclinationDegrees { get; }

    /// <summary>Right ascension of the ascending node, degrees.</summary>
    public double RaanDegrees { get; }

    /// <summary>Argument of perigee, degrees.</summary>
    public double ArgumentOfPerigeeDegrees { get; }

    /// <summary>Mean anomaly at the epoch, degrees.</summary>
    public double MeanAnomalyDegrees { get; }

    /// <summary>Epoch of the elements, UTC.</summary>
    public DateTime EpochUtc { get; }

    /// <summary>Mean motion, radians per second.</summary>
    public double MeanMotion { get; }

    /// <summary>Orbital period, seconds.</summary>
    public double PeriodSeconds => 2 * Math.PI / MeanMotion;

    /// <summary>Geocentric EME2000 position at <paramref name="time"/>, km.</summary>
    public Vector3D PositionJ2000(AstroTime time)
    {
        var elapsed = (time.Utc - EpochUtc).TotalSeconds;
        var meanAnomaly = (MeanAnomalyDegrees * Angles.Degree) + (MeanMotion * elapsed);
        var perifocal = KeplerEquation.Perifocal(SemiMajorAxisKm, Eccentricity, meanAnomaly);
        return _toJ2000.Apply(perifocal);
    }
}
