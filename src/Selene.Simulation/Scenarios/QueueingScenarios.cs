using System.Globalization;
using Selene.Cluster.Manifests;
using Selene.Simulation.Randomness;

namespace Selene.Simulation.Scenarios;

/// <summary>
/// Textbook queues expressed as scenarios, so the twin can be checked against queueing theory and timed
/// against other simulators on exactly the model they run.
/// </summary>
public static class QueueingScenarios
{
    /// <summary>
    /// An M/M/c queue: one Earth node with <paramref name="servers"/> GPUs, as many whole-request replicas of one GPU
    /// behind the tenant's gateway, Poisson arrivals at rate ρ·c/s̄ and exponential service with mean
    /// s̄ = <paramref name="meanServiceSeconds"/>.
    /// </summary>
    public static Scenario MultiServer(int servers, double utilisation, double meanServiceSeconds, double durationSeconds, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(servers);
        var rate = utilisation * servers / meanServiceSeconds;
        var tenant = new TenantSpec("mmc", WorkloadClass.Interactive, 0, double.MaxValue, new ArrivalSpec(rate, 0, 0), 0, 0,
            new Dictionary<string, IContinuousDistribution> { ["gpu"] = ExponentialDistribution.WithMean(meanServiceSeconds) }, [],
            Serving: ServingSpec.WholeRequests(new ReplicaSpec(servers, servers, servers, AutoscaleMetric.Queue, double.NaN)) with { GpuTypes = ["gpu"] });
        return new Scenario(
            string.Create(CultureInfo.InvariantCulture, $"M/M/{servers} at rho={utilisation}"),
            "<queueing>",
            seed,
            durationSeconds,
            new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero),
            [new GpuTypeSpec("gpu", null)],
            [new SiteSpec("earth", SiteLocation.Earth, 0, 0)],
            [new NodeSpec(ClusterNode.WithGpus("node-1", servers), "earth", "gpu")],
            [],
            new LinkSpec("none", 1, 1e9, 0, 3),
            [tenant],
            []);
    }
}
