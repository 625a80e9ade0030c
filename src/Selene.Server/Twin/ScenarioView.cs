using Selene.Simulation.Scenarios;

namespace Selene.Server.Twin;

/// <summary>A scenario as the API shows it.</summary>
/// <param name="Name">The scenario's name.</param>
/// <param name="Seed">Its seed.</param>
/// <param name="Epoch">Its time zero.</param>
/// <param name="DurationSeconds">How long it runs.</param>
/// <param name="Sites">Its sites as name and location.</param>
/// <param name="Nodes">Its nodes at time zero.</param>
/// <param name="Tenants">Its tenants.</param>
/// <param name="Workloads">The workloads its control plane keeps: one per serving tenant.</param>
/// <param name="Faults">True when it has fault processes.</param>
/// <param name="PowerSites">Sites with a modelled power system.</param>
public sealed record ScenarioView(
    string Name,
    ulong Seed,
    DateTimeOffset Epoch,
    double DurationSeconds,
    IReadOnlyList<SiteView> Sites,
    IReadOnlyList<string> Nodes,
    IReadOnlyList<string> Tenants,
    IReadOnlyList<string> Workloads,
    bool Faults,
    IReadOnlyList<string> PowerSites)
{
    /// <summary>The view of <paramref name="scenario"/>.</summary>
    public static ScenarioView Of(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new(scenario.Name, scenario.Seed, scenario.Epoch, scenario.DurationSeconds,
            scenario.Sites.Select(s => new SiteView(s.Name, s.Location.ToString().ToLowerInvariant(), s.LatitudeDegrees, s.LongitudeDegrees)).ToList(),
            scenario.Nodes.Select(n => n.Node.Name).ToList(), scenario.Tenants.Select(t => t.Name).ToList(),
            scenario.Tenants.Where(t => t.Serving is not null).Select(t => t.Name).ToList(), scenario.Faults is not null, scenario.Power.Select(p => p.Site).ToList());
    }
}
