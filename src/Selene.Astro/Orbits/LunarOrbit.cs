using Selene.Astro.Bodies;
using Selene.Astro.Frames;
using Selene.Astro.Geometry;
using Selene.Astro.Time;

namespace Selene.Astro.Orbits;

/// <summary>
/// A two-body orbit about the Moon from classical elements at an epoch, in a <see cref="LunarFrame"/>, optionally with
/// the secular drift the Moon's J2 gives the node, the periapsis and the mean anomaly (Vallado, <i>Fundamentals of
/// Astrodynamics and Applications</i>, 4th ed., eq. 9-41). Positions come out in EME2000, Moon-centred or geocentric.
/// </summary>
public sealed record LunarOrbit
{
    /// <summary>The Moon's gravitational parameter, km³/s² (GRAIL gravity field GL0660B, Konopliv et al. 2013: 4902.80).</summary>
    public const double MoonMu = 4902.800;

    /// <summary>The Moon's J2, unnormalised (Lunar Prospector field LP165P, Konopliv et al. 2001: 2.0321568e-4, reference radius 1738 km).</summary>
    public const double MoonJ2 = 2.0321568e-4;

    /// <summary>The reference radius of <see cref="MoonJ2"/>, km.</summary>
    public const double J2ReferenceRadiusKm = 1738.0;

    private readonly Rotation _frameToJ2000;
    private readonly double _nodeRate;
    private readonly double _periapsisRate;
    private readonly double _anomalyRate;

    /// <summary>Creates an orbit; its periapsis must clear the Moon's mean radius and 0 ≤ e &lt; 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An element is out of range.</exception>
    public LunarOrbit(double semiMajorAxisKm, double eccentricity, double inclinationDegrees, double raanDegrees,
        double argumentOfPeriapsisDegrees, double meanAnomalyDegrees, DateTime epochUtc, LunarFrame frame = LunarFrame.MoonEquator, bool withJ2 = false)
    {
        if (!(eccentricity is >= 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(eccentricity), eccentricity, "eccentricity must be at least 0 and below 1");
        }

        if (!(semiMajorAxisKm * (1 - eccentricity) > Moon.MeanRadiusKm))
        {
            throw new ArgumentOutOfRangeException(nameof(semiMajorAxisKm), semiMajorAxisKm,
                $"the periapsis, {semiMajorAxisKm * (1 - eccentricity):0.#} km from the Moon's centre, is below its surface ({Moon.MeanRadiusKm} km)");
        }

        if (!(inclinationDegrees is >= 0 and <= 180))
        {
            throw new ArgumentOutOfRangeException(nameof(inclinationDegrees), inclinationDegrees, "inclination must be within 0° and 180°");
        }

        SemiMajorAxisKm = semiMajorAxisKm;
        Eccentricity = eccentricity;
        InclinationDegrees = inclinationDegrees;
        RaanDegrees = raanDegrees;
        ArgumentOfPeriapsisDegrees = argumentOfPeriapsisDegrees;
        MeanAnomalyDegrees = meanAnomalyDegrees;
        EpochUtc = epochUtc;
        Frame = frame;
        WithJ2 = withJ2;
        MeanMotion = Math.Sqrt(MoonMu / (semiMajorAxisKm * semiMajorAxisKm * semiMajorAxisKm));
        _frameToJ2000 = FrameToJ2000(frame, AstroTime.FromUtc(epochUtc));
        _anomalyRate = MeanMotion;
        if (withJ2)
        {
            var p = semiMajorAxisKm * (1 - (eccentricity * eccentricity));
            var factor = 1.5 * MeanMotion * MoonJ2 * (J2ReferenceRadiusKm / p) * (J2ReferenceRadiusKm / p);
            var cosI = Math.Cos(inclinationDegrees * Angles.Degree);
            _nodeRate = -factor * cosI;
            _periapsisRate = 0.5 * factor * ((5 * cosI * cosI) - 1);
            _anomalyRate += 0.5 * factor * Math.Sqrt(1 - (eccentricity * eccentricity)) * ((3 * cosI * cosI) - 1);
        }
    }

    /// <summary>Semi-major axis, km.</summary>
    public double SemiMajorAxisKm { get; }

    /// <summary>Eccentricity.</summary>
    public double Eccentricity { get; }

    /// <summary>Inclination to the frame's equator, degrees.</summary>
    public double InclinationDegrees { get; }

    /// <summary>Right ascension of the ascending node in the frame, degrees.</summary>
    public double RaanDegrees { get; }

    /// <summary>Argument of periapsis, degrees.</summary>
    public double ArgumentOfPeriapsisDegrees { get; }

    /// <summary>Mean anomaly at the epoch, degrees.</summary>
    public double MeanAnomalyDegrees { get; }

    /// <summary>Epoch of the elements (and of the frame), UTC.</summary>
    public DateTime EpochUtc { get; }

    /// <summary>The frame the angles are measured in.</summary>
    public LunarFrame Frame { get; }

    /// <summary>Whether the Moon's J2 drifts the node, periapsis and mean anomaly.</summary>
    public bool WithJ2 { get; }

    /// <summary>Two-body mean motion, radians per second.</summary>
    public double MeanMotion { get; }

    /// <summary>Two-body orbital period, seconds.</summary>
    public double PeriodSeconds => 2 * Math.PI / MeanMotion;

    /// <summary>Periapsis altitude above the Moon's mean radius, km.</summary>
    public double PeriapsisAltitudeKm => (SemiMajorAxisKm * (1 - Eccentricity)) - Moon.MeanRadiusKm;

    /// <summary>Apoapsis altitude above the Moon's mean radius, km.</summary>
    public double ApoapsisAltitudeKm => (SemiMajorAxisKm * (1 + Eccentricity)) - Moon.MeanRadiusKm;

    /// <summary>The rotation from the orbit's frame to EME2000 axes.</summary>
    public Rotation FrameToJ2000Rotation => _frameToJ2000;

    /// <summary>The position relative to the Moon's centre, in the orbit's own frame, <paramref name="seconds"/> after the epoch, km.</summary>
    public Vector3D PositionInFrame(double seconds)
    {
        var raan = (RaanDegrees * Angles.Degree) + (_nodeRate * seconds);
        var periapsis = (ArgumentOfPeriapsisDegrees * Angles.Degree) + (_periapsisRate * seconds);
        var meanAnomaly = (MeanAnomalyDegrees * Angles.Degree) + (_anomalyRate * seconds);
        var perifocal = KeplerEquation.Perifocal(SemiMajorAxisKm, Eccentricity, meanAnomaly);
        return KeplerEquation.PerifocalToReference(InclinationDegrees * Angles.Degree, raan, periapsis).Apply(perifocal);
    }

    /// <summary>The position relative to the Moon's centre along EME2000 axes at <paramref name="time"/>, km.</summary>
    public Vector3D MoonCentredJ2000(AstroTime time) => MoonCentredJ2000((time.Utc - EpochUtc).TotalSeconds);

    /// <summary>The position relative to the Moon's centre along EME2000 axes, <paramref name="secondsSinceEpoch"/> after the epoch, km.</summary>
    public Vector3D MoonCentredJ2000(double secondsSinceEpoch) => _frameToJ2000.Apply(PositionInFrame(secondsSinceEpoch));

    /// <summary>Geocentric EME2000 position at <paramref name="time"/>, km.</summary>
    public Vector3D PositionJ2000(AstroTime time) => Moon.GeocentricJ2000(time.CenturiesTt) + MoonCentredJ2000(time);

    /// <summary>
    /// <paramref name="count"/> orbits in the manner of a Walker constellation i:T/P/F built on this one: P planes spread
    /// evenly in node, T/P satellites spread evenly in mean anomaly in each, plane k's shifted by k·F·360°/T.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">P does not divide T, or F is not within 0 and P − 1.</exception>
    public IReadOnlyList<LunarOrbit> Walker(int count, int planes, int phasing)
    {
        if (count < 1 || planes < 1 || count % planes != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(planes), planes, $"the planes ({planes}) must divide the satellites ({count}) evenly");
        }

        if (phasing < 0 || phasing >= planes)
        {
            throw new ArgumentOutOfRangeException(nameof(phasing), phasing, $"the phasing must be within 0 and {planes - 1}");
        }

        var perPlane = count / planes;
        var orbits = new List<LunarOrbit>(count);
        for (var plane = 0; plane < planes; plane++)
        {
            for (var slot = 0; slot < perPlane; slot++)
            {
                var raan = RaanDegrees + (360.0 * plane / planes);
                var anomaly = MeanAnomalyDegrees + (360.0 * slot / perPlane) + (360.0 * phasing * plane / count);
                orbits.Add(new LunarOrbit(SemiMajorAxisKm, Eccentricity, InclinationDegrees, raan % 360, ArgumentOfPeriapsisDegrees,
                    anomaly % 360, EpochUtc, Frame, WithJ2));
            }
        }

        return orbits;
    }

    private static Rotation FrameToJ2000(LunarFrame frame, AstroTime epoch)
    {
        Vector3D pole;
        if (frame == LunarFrame.MoonEquator)
        {
            pole = MoonOrientation.BodyFixedToJ2000(epoch.JulianDateTt).Apply(new Vector3D(0, 0, 1));
        }
        else
        {
            var before = Moon.GeocentricJ2000(epoch.AddSeconds(-1800).CenturiesTt);
            var after = Moon.GeocentricJ2000(epoch.AddSeconds(1800).CenturiesTt);
            pole = Moon.GeocentricJ2000(epoch.CenturiesTt).Cross(after - before).Normalize();
        }

        var node = new Vector3D(0, 0, 1).Cross(pole).Normalize();
        var third = pole.Cross(node);
        // Columns are the frame's axes in EME2000.
        return new Rotation(node.X, third.X, pole.X, node.Y, third.Y, pole.Y, node.Z, third.Z, pole.Z);
    }
}
