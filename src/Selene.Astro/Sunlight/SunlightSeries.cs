using Selene.Astro.Bodies;
using Selene.Astro.Frames;
using Selene.Astro.Geometry;
using Selene.Astro.Sites;
using Selene.Astro.Time;

namespace Selene.Astro.Sunlight;

/// <summary>
/// Sunlight at lunar sites over one time grid, for many sites at once: the Sun's direction in the Moon's body-fixed
/// frame and its distance are worked out once per time and shared, so each site costs a few dot products and a
/// horizon lookup per sample. The direction is taken from the Moon's centre: from a site 1,737 km off it the
/// Sun is displaced by under 0.001°. Lunar eclipses are not modelled.
/// </summary>
public sealed class SunlightSeries
{
    private readonly Vector3D[] _sunBodyFixed;
    private readonly double[] _distanceAu;
    private readonly double[] _sunRadiusDegrees;

    /// <summary>Works out the Sun's direction and distance at <paramref name="count"/> times <paramref name="stepSeconds"/> apart from <paramref name="start"/>.</summary>
    public SunlightSeries(DateTimeOffset start, double stepSeconds, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepSeconds);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Start = start;
        StepSeconds = stepSeconds;
        _sunBodyFixed = new Vector3D[count];
        _distanceAu = new double[count];
        _sunRadiusDegrees = new double[count];
        var t0 = AstroTime.FromUtc(start);
        for (var i = 0; i < count; i++)
        {
            var jdTt = t0.JulianDateTt + (i * stepSeconds / 86_400);
            var centuries = (jdTt - AstroTime.J2000) / AstroTime.DaysPerCentury;
            var line = Sun.GeocentricJ2000(centuries) - Moon.GeocentricJ2000(centuries);
            var distance = line.Length;
            _sunBodyFixed[i] = MoonOrientation.BodyFixedToJ2000(jdTt).Transpose().Apply(line / distance);
            _distanceAu[i] = distance / Sun.AstronomicalUnitKm;
            _sunRadiusDegrees[i] = Math.Asin(Sun.RadiusKm / distance) / Angles.Degree;
        }
    }

    /// <summary>The first sample's time.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Seconds between samples.</summary>
    public double StepSeconds { get; }

    /// <summary>Number of samples.</summary>
    public int Count => _distanceAu.Length;

    /// <summary>The Moon–Sun distance at sample <paramref name="index"/>, astronomical units.</summary>
    public double DistanceAu(int index) => _distanceAu[index];

    /// <summary>
    /// Writes the Sun as seen from <paramref name="site"/> (a lunar site) at every sample: elevation and azimuth in
    /// degrees and the fraction of its disk above the site's terrain horizon. An empty <paramref name="azimuthDegrees"/>
    /// asks for no azimuths, which saves their work where the horizon is level.
    /// </summary>
    /// <exception cref="ArgumentException">The site is not on the Moon, or a span (but an empty azimuth span) is shorter than <see cref="Count"/>.</exception>
    public void At(SurfaceSite site, Span<double> elevationDegrees, Span<double> azimuthDegrees, Span<double> visibleFraction)
    {
        ArgumentNullException.ThrowIfNull(site);
        if (site.Kind != SiteKind.Moon)
        {
            throw new ArgumentException($"site '{site.Name}' is not on the Moon", nameof(site));
        }

        var wantAzimuth = !azimuthDegrees.IsEmpty;
        if (elevationDegrees.Length < Count || (wantAzimuth && azimuthDegrees.Length < Count) || visibleFraction.Length < Count)
        {
            throw new ArgumentException($"each span needs room for {Count} samples");
        }

        var up = site.BodyFixedUp;
        var pole = new Vector3D(0, 0, 1);
        var eastRaw = pole.Cross(up);
        var east = eastRaw.Length < 1e-12 ? new Vector3D(0, 1, 0) : eastRaw.Normalize();
        var north = up.Cross(east);
        var horizon = site.Horizon;
        var level = horizon.ElevationDegrees(0);
        for (var i = 0; i < _sunBodyFixed.Length; i++)
        {
            var sun = _sunBodyFixed[i];
            var elevation = Math.Asin(Math.Clamp(sun.Dot(up), -1, 1)) / Angles.Degree;
            var horizonDegrees = level;
            if (wantAzimuth || !horizon.IsLevel)
            {
                var azimuth = Math.Atan2(sun.Dot(east), sun.Dot(north)) / Angles.Degree;
                azimuth = azimuth < 0 ? azimuth + 360 : azimuth;
                horizonDegrees = horizon.IsLevel ? level : horizon.ElevationDegrees(azimuth);
                if (wantAzimuth)
                {
                    azimuthDegrees[i] = azimuth;
                }
            }

            elevationDegrees[i] = elevation;
            visibleFraction[i] = SunlightCalculator.VisibleFraction((elevation - horizonDegrees) / _sunRadiusDegrees[i]);
        }
    }
}
