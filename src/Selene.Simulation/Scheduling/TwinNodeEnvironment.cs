using Selene.Cluster.Scheduling.Framework;
using Selene.Cluster.Scheduling.Space;
using Selene.Simulation.Kernel;
using Selene.Simulation.Model;

namespace Selene.Simulation.Scheduling;

/// <summary>
/// Node conditions inside the twin: a node's location is its site's; a remote site's light time and whether its
/// link is up come from the link schedule at the start of the simulated minute (and, while it is down, when it is
/// next up), and a site with a power system gives its nodes their share of the GPU power its controller allows
/// then; they hold for that minute.
/// </summary>
internal sealed class TwinNodeEnvironment(SimulationKernel kernel) : INodeEnvironment
{
    /// <summary>How long conditions are taken to hold, in simulated seconds.</summary>
    public const double RefreshSeconds = 60;

    private readonly Dictionary<string, (SiteState Site, int Gpus)> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (double BinSeconds, double[] GpuWatts, int Gpus, double WattsPerGpu)> _power = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public long Version => (long)Math.Floor(kernel.Now / RefreshSeconds);

    /// <summary>Records the site a node stands at, and its GPUs.</summary>
    public void Place(string node, SiteState site, int gpus) => _nodes[node] = (site, gpus);

    /// <summary>
    /// A site's GPU power budget over the run from its power system: per bin, the mean power its controller gave the
    /// GPUs; each node there gets its share by GPUs, which PowerHeadroom places pods against.
    /// </summary>
    public void SetPower(string site, double binSeconds, double[] gpuWatts, int gpus, double wattsPerGpu) =>
        _power[site] = (binSeconds, gpuWatts, gpus, wattsPerGpu);

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
        var nextUp = link.Schedule.NextUp(now);
        var up = nextUp <= now;
        var conditions = new NodeConditions(location, link.Schedule.DelayAt(now), up, up || !double.IsFinite(nextUp) ? null : nextUp - now);
        if (_power.TryGetValue(site.Spec.Name, out var power) && power.Gpus > 0)
        {
            var bin = Math.Clamp((int)(now / power.BinSeconds), 0, power.GpuWatts.Length - 1);
            conditions = conditions with
            {
                PowerBudgetWatts = power.GpuWatts[bin] * placed.Gpus / power.Gpus,
                GpuWatts = power.WattsPerGpu,
            };
        }

        return conditions;
    }
}
