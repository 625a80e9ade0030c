using Selene.Astro.Contacts;
using Selene.Astro.Links;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.Model;

/// <summary>
/// When each remote site's link is up and how long a message takes, before unplanned outages are added. Lunar sites
/// share one contact plan, worked out once for the run (the sites, the relays and the ground stations; sampled every
/// 60–600 s by the run's length, as the delay is); a site in
/// Earth orbit follows the ephemeris of its own pass over the stations.
/// </summary>
internal sealed class LinkSchedules(Scenario scenario)
{
    private ContactPlan? _plan;

    /// <summary>
    /// The scenario's link for <paramref name="site"/>: through the contact plan (Moon), the ephemeris (orbit; light time to
    /// the nearest ground station that sees the site, down when none does, sampled every 60–600 s by the run's length), or
    /// a constant delay; with its mean delay.
    /// </summary>
    public (ILinkSchedule Schedule, double MeanDelaySeconds) For(SiteSpec site)
    {
        var spec = scenario.Link;
        if (!spec.FollowsEphemeris)
        {
            return (new ConstantLinkSchedule(spec.OneWayDelaySeconds), spec.OneWayDelaySeconds);
        }

        var step = Math.Clamp(scenario.DurationSeconds / 43_200, 60, 600);
        if (site.Orbit is { } orbit)
        {
            var network = new GroundNetwork(scenario.LinkStations.Select(s => s.ToSurfaceSite()).ToList());
            var ephemeris = new EphemerisLinkSchedule(t => network.LinkAt(orbit, t), scenario.Epoch, scenario.DurationSeconds, step);
            return (ephemeris, ephemeris.MeanDelaySeconds);
        }

        var plan = _plan ??= Plan(scenario, stepSeconds: step);
        var planned = new ContactPlanLinkSchedule(plan, plan.IndexOf(site.Name), step);
        return (planned, planned.MeanDelaySeconds);
    }

    /// <summary>
    /// The plan of the scenario's lunar sites, relays and link stations over the run and a day beyond it (for what is in
    /// flight at the end), or over <paramref name="durationSeconds"/>, sampled every <paramref name="stepSeconds"/>.
    /// </summary>
    public static ContactPlan Plan(Scenario scenario, double? durationSeconds = null, double stepSeconds = 60)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var nodes = new List<ContactNode>();
        nodes.AddRange(scenario.Sites.Where(s => s.Location == SiteLocation.Moon).Select(s => ContactNode.LunarSite(s.ToSurfaceSite(), s.Radios)));
        nodes.AddRange(scenario.Relays.Select(r => ContactNode.Relay(r.Name, r.Orbit, r.Radios)));
        nodes.AddRange(scenario.LinkStations.Select(s => ContactNode.Station(s.ToSurfaceSite(), s.Radios)));
        return ContactPlanner.Build(nodes, scenario.Epoch, durationSeconds ?? (scenario.DurationSeconds + 86_400), stepSeconds,
            scenario.Link.BandwidthBitsPerSecond);
    }
}
