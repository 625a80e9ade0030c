using Selene.Core.Errors;
using Selene.Power.Control;

namespace Selene.Simulation.Scenarios;

/// <summary>A validated scenario: everything a run needs, with every reference resolved.</summary>
/// <param name="Name">Scenario name, shown in reports.</param>
/// <param name="Source">The file the scenario came from, or <c>&lt;built-in NAME&gt;</c>.</param>
/// <param name="Seed">Every random stream of the run derives from this.</param>
/// <param name="DurationSeconds">Simulated time the run covers.</param>
/// <param name="Epoch">UTC instant of simulated time zero (daily cycles and, later, the ephemeris use it).</param>
/// <param name="GpuTypes">GPU types, each with the product label that identifies it on a node.</param>
/// <param name="Sites">Earth data centres and lunar sites.</param>
/// <param name="Nodes">Nodes present from time zero.</param>
/// <param name="Launches">Nodes that arrive later, by launch.</param>
/// <param name="Link">The Earth–Moon link.</param>
/// <param name="Tenants">The product lines sharing the platform, each with its workload.</param>
/// <param name="Warnings">What the loader accepted but the user should know about.</param>
public sealed record Scenario(
    string Name,
    string Source,
    ulong Seed,
    double DurationSeconds,
    DateTimeOffset Epoch,
    IReadOnlyList<GpuTypeSpec> GpuTypes,
    IReadOnlyList<SiteSpec> Sites,
    IReadOnlyList<NodeSpec> Nodes,
    IReadOnlyList<LaunchSpec> Launches,
    LinkSpec Link,
    IReadOnlyList<TenantSpec> Tenants,
    IReadOnlyList<InputDiagnostic> Warnings)
{
    /// <summary>Fault processes; null for a run without faults.</summary>
    public FaultSpec? Faults { get; init; }

    /// <summary>The review loop behind a tenant's output; null models none.</summary>
    public ModerationSpec? Moderation { get; init; }

    /// <summary>Power systems of lunar sites; empty models none.</summary>
    public IReadOnlyList<PowerSiteSpec> Power { get; init; } = [];

    /// <summary>The controller the power systems run under; the report compares all of them.</summary>
    public PowerPolicy PowerPolicy { get; init; } = PowerPolicy.Predictive;

    /// <summary>Receivers of the cosmic events through webhooks; empty delivers none.</summary>
    public IReadOnlyList<WebhookSubscriberSpec> Webhooks { get; init; } = [];

    /// <summary>Ground stations that carry the Earth–Moon link (empty: the link is always up).</summary>
    public IReadOnlyList<SiteSpec> GroundStations { get; init; } = [];

    /// <summary>Relay satellites in lunar orbit (empty: lunar sites talk to Earth directly only).</summary>
    public IReadOnlyList<RelaySpec> Relays { get; init; } = [];

    /// <summary>The stations that carry the link: the ground stations, or the Earth sites when there are none.</summary>
    public IReadOnlyList<SiteSpec> LinkStations =>
        GroundStations.Count > 0 ? GroundStations : Sites.Where(s => s.Location == SiteLocation.Earth).ToList();

    /// <summary>The site called <paramref name="name"/>.</summary>
    public SiteSpec Site(string name) => Sites.First(s => s.Name == name);
}
