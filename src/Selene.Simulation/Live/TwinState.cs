using Selene.Simulation.Faults;

namespace Selene.Simulation.Live;

/// <summary>The twin at one moment: what a live view of the Earth–Moon system shows.</summary>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Seconds">Simulated seconds since the epoch.</param>
/// <param name="Time">The simulated moment as a date.</param>
/// <param name="DurationSeconds">Length of the whole run.</param>
/// <param name="Sites">Each site with its link and power.</param>
/// <param name="Nodes">Each node the twin has run, lost ones included.</param>
/// <param name="Tenants">Each tenant's request counts so far.</param>
/// <param name="FaultCount">Faults so far.</param>
/// <param name="NewFaults">The faults not seen before this snapshot, in time order.</param>
public sealed record TwinState(
    string Scenario,
    double Seconds,
    DateTimeOffset Time,
    double DurationSeconds,
    IReadOnlyList<SiteNow> Sites,
    IReadOnlyList<NodeNow> Nodes,
    IReadOnlyList<TenantNow> Tenants,
    int FaultCount,
    IReadOnlyList<CosmicEvent> NewFaults);
