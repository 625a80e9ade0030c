using Selene.Astro.Bodies;
using Selene.Astro.Frames;
using Selene.Astro.Sites;
using Selene.Astro.Time;

namespace Selene.Astro.Sunlight;

/// <summary>
/// Sunlight at a site: the Sun's elevation and azimuth, the fraction of its disk above the terrain horizon
/// (the area of the circular segment above a straight horizon line), and its average and day/night timeline
/// over a period.
/// </summary>
public static class SunlightCalculator
{
    /// <summary>The Sun seen from <paramref name="site"/> at <paramref name="time"/>.</summary>
    public static SunlightState At(SurfaceSite site, AstroTime time)
    {
        ArgumentNullException.ThrowIfNull(site);
        var frame = site.FrameJ2000(time);
        var sun = Sun.GeocentricJ2000(time.CenturiesTt);
        var elevation = frame.ElevationDegrees(sun);
        var azimuth = frame.AzimuthDegrees(sun);
        var horizon = site.Horizon.ElevationDegrees(azimuth);
        var radius = Math.Asin(Sun.RadiusKm / (sun - frame.Position).Length) / Angles.Degree;
        return new SunlightState(elevation, azimuth, horizon, VisibleFraction((elevation - horizon) / radius));
    }

    /// <summary>Fraction of a disk above a straight line <paramref name="centreAboveLine"/> radii below its centre.</summary>
    public static double VisibleFraction(double centreAboveLine)
    {
        if (centreAboveLine >= 1)
        {
            return 1;
        }

        if (centreAboveLine <= -1)
        {
            return 0;
        }

        var x = centreAboveLine;
        return (Math.Acos(-x) + (x * Math.Sqrt(1 - (x * x)))) / Math.PI;
    }

    /// <summary>Mean visible fraction of the Sun over [<paramref name="from"/>, <paramref name="to"/>), sampled every <paramref name="stepSeconds"/>.</summary>
    public static double IlluminationFraction(SurfaceSite site, AstroTime from, AstroTime to, double stepSeconds) =>
        Samples(site, from, to, stepSeconds).Average(s => s.State.VisibleFraction);

    /// <summary>
    /// The site's day/night timeline: maximal intervals in which some of the Sun is visible (day) or none is
    /// (night), located to within <paramref name="stepSeconds"/>.
    /// </summary>
    public static IReadOnlyList<(DateTime Start, DateTime End, bool Day)> Timeline(SurfaceSite site, AstroTime from, AstroTime to, double stepSeconds)
    {
        var timeline = new List<(DateTime, DateTime, bool)>();
        DateTime? start = null;
        var day = false;
        foreach (var (time, state) in Samples(site, from, to, stepSeconds))
        {
            var lit = state.VisibleFraction > 0;
            if (start is null)
            {
                (start, day) = (time.Utc, lit);
            }
            else if (lit != day)
            {
                timeline.Add((start.Value, time.Utc, day));
                (start, day) = (time.Utc, lit);
            }
        }

        if (start is { } open)
        {
            timeline.Add((open, to.Utc, day));
        }

        return timeline;
    }

    private static IEnumerable<(AstroTime Time, SunlightState State)> Samples(SurfaceSite site, AstroTime from, AstroTime to, double stepSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepSeconds);
        for (var time = from; time.Utc < to.Utc; time = time.AddSeconds(stepSeconds))
        {
            yield return (time, At(site, time));
        }
    }
}
