using Selene.Astro.Links;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.Model;

/// <summary>When a remote site's link is up and how long a message takes, before unplanned outages are added.</summary>
internal static class LinkSchedules
{
    /// <summary>
    /// The scenario's link for <paramref name="site"/>: the ephemeris (light time to the nearest ground station that sees
    /// the site, down when none does; sampled every 60–600 s by the run's length), or a constant delay; with its mean delay.
    /// </summary>
    public static (ILinkSchedule Schedule, double MeanDelaySeconds) For(Scenario scenario, SiteSpec site)
    {
        var spec = scenario.Link;
        if (!spec.FollowsEphemeris)
        {
            return (new ConstantLinkSchedule(spec.OneWayDelaySeconds), spec.OneWayDelaySeconds);
        }

        var network = new GroundNetwork(scenario.LinkStations.Select(s => s.ToSurfaceSite()).ToList());
        var step = Math.Clamp(scenario.DurationSeconds / 43_200, 60, 600);
        Func<Astro.Time.AstroTime, LinkState> linkAt;
        if (site.Orbit is { } orbit)
        {
            linkAt = t => network.LinkAt(orbit, t);
        }
        else
        {
            var surface = site.ToSurfaceSite();
            linkAt = t => network.LinkAt(surface, t);
        }

        var ephemeris = new EphemerisLinkSchedule(linkAt, scenario.Epoch, scenario.DurationSeconds, step);
        return (ephemeris, ephemeris.MeanDelaySeconds);
    }
}
