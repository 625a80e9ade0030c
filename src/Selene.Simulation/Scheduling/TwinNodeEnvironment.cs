using Selene.Cluster.Scheduling.Framework;
using Selene.Cluster.Scheduling.Space;
using Selene.Simulation.Kernel;
using Selene.Simulation.Metrics;
using Selene.Simulation.Model;

namespace Selene.Simulation.Scheduling;

/// <summary>
/// Node conditions inside the twin: a node's location is its site's; a remote site's light time and whether its
/// link is up come from the link schedule at the start of the simulated minute (and, while it is down, when it is
/// next up), and a site with a power system gives its nodes their share of the GPU power its controller allows
/// then, and says whether the array carries the node then or the store does; they hold for that minute.
/// </summary>
internal sealed class TwinNodeEnvironment(SimulationKernel kernel) : INodeEnvironment
{
    /// <summary>How long conditions are taken to hold, in simulated seconds.</summary>
    public const double RefreshSeconds = 60;

    private readonly Dictionary<string, (SiteState Site, int Gpus)> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (PowerSiteMetrics Site, double WattsPerGpu)> _power = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public long Version => (long)Math.Floor(kernel.Now / RefreshSeconds);

    /// <summary>Records the site a node stands at, and its GPUs.</summary>
    public void Place(string node, SiteState site, int gpus) => _nodes[node] = (site, gpus);

    /// <summary>
    /// A site's power system over the run: per bin, the mean power its controller gave the GPUs, of which each node
    /// there gets its share by GPUs (what PowerHeadroom places pods against), and whether the array's output covered
    /// the node's draw (sunlight) or the store made up the rest (storage), which EnergyCost prices.
    /// </summary>
    public void SetPower(PowerSiteMetrics site, double wattsPerGpu)
    {
        ArgumentNullException.ThrowIfNull(site);
        _power[site.Site] = (site, wattsPerGpu);
    }

    /// <inheritdoc />
    public NodeConditions Conditions(NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (!_nodes.TryGetValue(node.Name, out var placed))
        {
            return NodeConditions.Unknown;
        }

        var site = placed.Site;
        var location = site.Spec.Location.ToString().ToLowerInvariant();
        if (site.Link is not { } link)
        {
            return new NodeConditions(location, OneWayLightSeconds: 0, LinkUp: true);
        }

        // Read at the start of the minute, so they are the same whichever placement asks first.
        var now = Math.Floor(kernel.Now / RefreshSeconds) * RefreshSeconds;
        // Whether the link is up now is seen; when it will be back is known only from the plan (an unplanned outage's
        // end is nobody's to know).
        var up = link.Schedule.NextUp(now) <= now;
        var planned = link.Schedule.PlannedUp(now);
        var conditions = new NodeConditions(location, link.Schedule.DelayAt(now), up, up || planned <= now || !double.IsFinite(planned) ? null : planned - now);
        if (_power.TryGetValue(site.Spec.Name, out var power) && power.Site.Gpus > 0)
        {
            var system = power.Site;
            var bin = Math.Clamp((int)(now / system.BinSeconds), 0, system.GpuBudgetWatts.Length - 1);
            conditions = conditions with
            {
                PowerBudgetWatts = system.GpuBudgetWatts[bin] * placed.Gpus / system.Gpus,
                GpuWatts = power.WattsPerGpu,
                Energy = system.SolarWatts[bin] >= system.UsedWatts[bin] ? EnergySource.Sunlight : EnergySource.Storage,
            };
        }

        return conditions;
    }
}
