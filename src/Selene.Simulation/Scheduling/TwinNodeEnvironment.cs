using Selene.Cluster.Scheduling.Framework;
using Selene.Cluster.Scheduling.Space;
using Selene.Simulation.Kernel;
using Selene.Simulation.Model;

namespace Selene.Simulation.Scheduling;

/// <summary>
/// Node conditions inside the twin: a node's location is its site's; a remote site's light time and whether its
/// link is up come from the link schedule at the start of the simulated minute (and, while it is down, when it is
/// next up); they hold for that minute.
/// </summary>
internal sealed class TwinNodeEnvironment(SimulationKernel kernel) : INodeEnvironment
{
    /// <summary>How long conditions are taken to hold, in simulated seconds.</summary>
    public const double RefreshSeconds = 60;

    private readonly Dictionary<string, SiteState> _sites = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public long Version => (long)Math.Floor(kernel.Now / RefreshSeconds);

    /// <summary>Records the site a node stands at.</summary>
    public void Place(string node, SiteState site) => _sites[node] = site;

    /// <inheritdoc />
    public NodeConditions Conditions(NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (!_sites.TryGetValue(node.Name, out var site))
        {
            return NodeConditions.Unknown;
        }

        var location = site.Spec.Location.ToString().ToLowerInvariant();
        if (site.Link is not { } link)
        {
            return new NodeConditions(location, OneWayLightSeconds: 0, LinkUp: true);
        }

        // Read at the start of the minute, so they are the same whichever placement asks first.
        var now = Math.Floor(kernel.Now / RefreshSeconds) * RefreshSeconds;
        var nextUp = link.Schedule.NextUp(now);
        var up = nextUp <= now;
        return new NodeConditions(location, link.Schedule.DelayAt(now), up, up || !double.IsFinite(nextUp) ? null : nextUp - now);
    }
}
