namespace Selene.Simulation.Scenarios;

/// <summary>
/// Gives every tenant built without <c>serving</c> (in code; the scenario reader always sets it) what the reader gives
/// a tenant of whole requests that leaves it out: one fixed replica on one GPU of a type it has service times for (a
/// split model's types are those its plan times).
/// </summary>
internal static class WholeRequestReplicas
{
    public static Scenario Apply(Scenario scenario) =>
        scenario.Tenants.All(t => t.Serving is not null) ? scenario : scenario with
        {
            Tenants = scenario.Tenants.Select(t => t.Serving is not null ? t : t with
            {
                Serving = ServingSpec.WholeRequests(new ReplicaSpec(1, 1, 1, AutoscaleMetric.Queue, double.NaN)) with { GpuTypes = t.Model is null ? [.. t.ServiceTimes.Keys] : null },
            }).ToList(),
        };
}
