using Selene.Astro.Sites;
using Selene.Astro.Time;

namespace Selene.Astro.Links;

/// <summary>
/// A network of ground stations serving lunar sites. The link of a site is up when at least one station sees
/// the site above the station's elevation mask and the site sees that station above its own mask and its
/// terrain horizon; the union over stations is the link's availability.
/// </summary>
public sealed class GroundNetwork
{
    /// <summary>Creates a network of Earth sites.</summary>
    public GroundNetwork(IReadOnlyList<SurfaceSite> stations)
    {
        ArgumentNullException.ThrowIfNull(stations);
        if (stations.Count == 0 || stations.Any(s => s.Kind != SiteKind.Earth))
        {
            throw new ArgumentException("a ground network needs at least one station, all on Earth", nameof(stations));
        }

        Stations = stations;
    }

    /// <summary>The stations.</summary>
    public IReadOnlyList<SurfaceSite> Stations { get; }

    /// <summary>
    /// The link of a spacecraft on <paramref name="orbit"/> at <paramref name="time"/>: up when a station sees it
    /// above the station's mask, to the visible station with the shortest light time.
    /// </summary>
    public LinkState LinkAt(Orbits.KeplerianOrbit orbit, AstroTime time)
    {
        ArgumentNullException.ThrowIfNull(orbit);
        var position = orbit.PositionJ2000(time);
        SurfaceSite? best = null;
        var bestLight = double.PositiveInfinity;
        var bestElevation = double.NegativeInfinity;
        foreach (var station in Stations)
        {
            var frame = station.FrameJ2000(time);
            var elevation = frame.ElevationDegrees(position);
            bestElevation = Math.Max(bestElevation, elevation);
            var light = (position - frame.Position).Length / LightTime.SpeedOfLightKmPerSecond;
            if (elevation >= station.ElevationMaskDegrees && light < bestLight)
            {
                best = station;
                bestLight = light;
            }
        }

        var nearest = Stations.MinBy(s => (position - s.PositionJ2000(time)).Length)!;
        var target = best ?? nearest;
        return new LinkState(best is not null, best, LightTime.Seconds(orbit.PositionJ2000, target.PositionJ2000, time), double.NaN, bestElevation);
    }

    /// <summary>The link of <paramref name="lunarSite"/> at <paramref name="time"/>.</summary>
    public LinkState LinkAt(SurfaceSite lunarSite, AstroTime time)
    {
        ArgumentNullException.ThrowIfNull(lunarSite);
        var site = lunarSite.FrameJ2000(time);
        var earthElevation = site.ElevationDegrees(default);
        SurfaceSite? best = null;
        var bestLight = double.PositiveInfinity;
        var bestStationElevation = double.NegativeInfinity;
        foreach (var station in Stations)
        {
            var frame = station.FrameJ2000(time);
            var stationSeesSite = frame.ElevationDegrees(site.Position);
            bestStationElevation = Math.Max(bestStationElevation, stationSeesSite);
            var siteSeesStation = site.ElevationDegrees(frame.Position);
            var horizon = Math.Max(lunarSite.ElevationMaskDegrees, lunarSite.Horizon.ElevationDegrees(site.AzimuthDegrees(frame.Position)));
            if (stationSeesSite < station.ElevationMaskDegrees || siteSeesStation < horizon)
            {
                continue;
            }

            var light = (frame.Position - site.Position).Length / LightTime.SpeedOfLightKmPerSecond;
            if (light < bestLight)
            {
                best = station;
                bestLight = light;
            }
        }

        return best is null
            ? new LinkState(false, null, LightTime.MoonToEarthCentreSeconds(time), earthElevation, bestStationElevation)
            : new LinkState(true, best, LightTime.Seconds(lunarSite, best, time), earthElevation, bestStationElevation);
    }
}
