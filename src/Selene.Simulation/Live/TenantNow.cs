namespace Selene.Simulation.Live;

/// <summary>A tenant's requests so far.</summary>
/// <param name="Name">The tenant's name.</param>
/// <param name="Arrived">Requests that arrived.</param>
/// <param name="Served">Requests served.</param>
/// <param name="Failed">Requests failed.</param>
/// <param name="InFlight">Requests pending, on the link, queued or in service.</param>
public sealed record TenantNow(string Name, long Arrived, long Served, long Failed, long InFlight);
