using k8s.Models;
using Selene.Astro.Orbits;
using Selene.Simulation.Randomness;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.Tests.Model;

public class OrbitalSiteTests
{
    private static readonly V1Taint s_latencyHigh = ScenarioBuilder.LatencyHigh;
    private static readonly V1Toleration s_toleratesLatency = ScenarioBuilder.ToleratesLatency;

    [Fact]
    public void An_orbital_node_is_reachable_only_while_a_ground_station_sees_it_and_milliseconds_away()
    {
        var stations = ScenarioBuilder.DeepSpaceStations;
        var orbit = KeplerianOrbit.Circular(550, 53, 0, 0, new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var scenario = ScenarioBuilder.Sites(86_400, 2,
            [new NodeSpec(ScenarioBuilder.Node("orbital-1", 8, s_latencyHigh), "leo", "H100")], [],
            ScenarioBuilder.Tenant("imagine", 0.02, new ConstantDistribution(5), budget: 86_400,
                workloadClass: WorkloadClass.Batch, tolerations: s_toleratesLatency)) with
        {
            Sites = [new SiteSpec("earth", SiteLocation.Earth, 39, -77), new SiteSpec("leo", SiteLocation.Orbit, 0, 0) { Orbit = orbit }],
            GroundStations = stations,
            Link = ScenarioBuilder.Link with { FollowsEphemeris = true },
        };

        var metrics = new ScenarioSimulation(scenario).Run();

        var link = Assert.Single(metrics.Link.Sites);
        // Three mid-latitude stations see a 550 km spacecraft a small part of each day.
        Assert.InRange(link.Availability, 0.03, 0.4);
        Assert.InRange(link.MinLightTimeSeconds, 0.0018, 0.01);
        var tenant = Assert.Single(metrics.Tenants);
        Assert.True(tenant.Served > 0);
        Assert.Equal(tenant.Arrived, tenant.Served + tenant.InFlight.Total);
        Assert.Equal("orbit", metrics.Sites.Single(s => s.Name == "leo").Location);
    }
}
