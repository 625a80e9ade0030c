using k8s.Models;
using Selene.Simulation.Faults;
using Selene.Simulation.Metrics;
using Selene.Simulation.Model;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.Live;

/// <summary>The twin's state at one moment, read from its parts without changing them.</summary>
internal static class TwinSnapshot
{
    /// <summary>
    /// Each site with its link and power, each node with its GPUs and taints, each tenant's counts (a shed request
    /// counts as failed), and the faults after the first <paramref name="faultsSeen"/>.
    /// </summary>
    public static TwinState Of(Scenario scenario, double now, IReadOnlyList<SiteState> siteStates, IReadOnlyList<NodeServer> nodeServers, IReadOnlyList<TenantState> tenantStates,
        IReadOnlyList<PowerSiteMetrics>? powerSites, IReadOnlyDictionary<string, IReadOnlyList<V1Taint>> cosmicTaints, IReadOnlyList<CosmicEvent> events, int faultsSeen)
    {
        var sites = siteStates.Select(site =>
        {
            LinkNow? link = site.Link is { } l ? new LinkNow(l.Schedule.NextUp(now) <= now, l.Schedule.DelayAt(now)) : null;
            PowerNow? power = powerSites?.FirstOrDefault(p => p.Site == site.Spec.Name) is { } p
                ? new PowerNow(At(p.StateOfCharge, p.BinSeconds, now), At(p.SolarWatts, p.BinSeconds, now), At(p.UsedWatts, p.BinSeconds, now))
                : null;
            var here = nodeServers.Where(n => n.Site == site).ToList();
            return new SiteNow(site.Spec.Name, site.Spec.Location.ToString().ToLowerInvariant(), site.Spec.LatitudeDegrees, site.Spec.LongitudeDegrees,
                here.Sum(n => n.Servers), here.Sum(n => n.Busy), here.Sum(n => n.Queued), site.Served, link, power);
        }).ToList();
        var nodes = nodeServers.Select(n => new NodeNow(n.Profile.Node.Name, n.Profile.Site, n.Profile.GpuType, n.Installed, n.Servers, n.Busy, n.Queued, n.Destroyed,
            (n.Profile.Node.Node.Spec?.Taints ?? []).Concat(cosmicTaints.GetValueOrDefault(n.Profile.Node.Name) ?? [])
                .Select(t => $"{t.Key}{(string.IsNullOrEmpty(t.Value) ? "" : "=" + t.Value)}:{t.Effect}").ToList())).ToList();
        var tenants = tenantStates.Select(t => new TenantNow(t.Spec.Name, t.Arrived, t.Served, t.Failed.Values.Sum() + t.Shed.Values.Sum(),
            Enum.GetValues<RequestStage>().Sum(t.InStage))).ToList();
        var fresh = faultsSeen < events.Count ? events.Skip(Math.Max(0, faultsSeen)).ToList() : [];
        return new TwinState(scenario.Name, now, scenario.Epoch.AddSeconds(now), scenario.DurationSeconds, sites, nodes, tenants, events.Count, fresh);
    }

    private static double At(double[] series, double binSeconds, double seconds) =>
        series.Length == 0 ? double.NaN : series[Math.Clamp((int)(seconds / binSeconds), 0, series.Length - 1)];
}
