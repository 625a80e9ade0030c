using k8s.Models;
using Selene.Simulation.Kernel;
using Selene.Simulation.Metrics;
using Selene.Simulation.Model;
using Selene.Simulation.Randomness;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.Tests.Model;

public class ScenarioSimulationTests
{
    private static readonly V1Taint s_latencyHigh = ScenarioBuilder.LatencyHigh;
    private static readonly V1Toleration s_toleratesLatency = ScenarioBuilder.ToleratesLatency;

    private static Scenario BuiltIn(double days, ulong? seed = null)
    {
        var scenario = BuiltInScenarios.Load(BuiltInScenarios.Default);
        return scenario with { DurationSeconds = days * 86_400, Seed = seed ?? scenario.Seed };
    }

    [Fact]
    public void The_same_scenario_and_seed_give_a_byte_identical_metrics_json()
    {
        var first = MetricsJson.Serialize(new ScenarioSimulation(BuiltIn(1)).Run());
        var second = MetricsJson.Serialize(new ScenarioSimulation(BuiltIn(1)).Run(new Progress<double>()));
        Assert.Equal(first, second);
    }

    [Fact]
    public void Another_seed_gives_another_run()
    {
        var first = MetricsJson.Serialize(new ScenarioSimulation(BuiltIn(0.5, seed: 1)).Run());
        var second = MetricsJson.Serialize(new ScenarioSimulation(BuiltIn(0.5, seed: 2)).Run());
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Every_request_of_the_built_in_scenario_ends_served_failed_or_in_flight()
    {
        var metrics = new ScenarioSimulation(BuiltIn(2)).Run();

        Assert.True(metrics.Accounting.Balanced);
        Assert.All(metrics.Tenants, t => Assert.Equal(t.Arrived, t.Served + t.Failed.Values.Sum() + t.Shed.Values.Sum() + t.InFlight.Total));
        Assert.All(metrics.Tenants, t => Assert.Equal(t.InFlight.Total, t.InFlight.Pending + t.InFlight.Uplink + t.InFlight.Queued + t.InFlight.InService + t.InFlight.Downlink));
        Assert.All(metrics.Tenants, t => Assert.True(t.Served > 0, $"{t.Name} served nothing"));
        Assert.Equal(metrics.Accounting.Served, metrics.Sites.Sum(s => s.Served));
    }

    [Fact]
    public void Only_batch_work_that_tolerates_latency_high_runs_on_the_Moon()
    {
        // An always-up link, so the Moon is usable from the start and only tolerations decide.
        var scenario = BuiltIn(2);
        scenario = scenario with { Link = new LinkSpec(scenario.Link.Name, 1.282, scenario.Link.BandwidthBitsPerSecond, 0, 3.064) };
        var metrics = new ScenarioSimulation(scenario).Run();

        var moonServed = metrics.Tenants.ToDictionary(t => t.Name, t => t.ServedBySite["shackleton-rim"]);
        Assert.Equal(0, moonServed["chat"]);
        Assert.Equal(0, moonServed["code"]);
        Assert.True(moonServed["imagine"] + moonServed["macrohard"] > 0);
        Assert.True(metrics.Link.UplinkMessages > 0 && metrics.Link.DownlinkMessages > 0);
    }

    [Fact]
    public void Each_tenants_replicas_are_pods_the_scheduler_places_and_the_metrics_say_where_tenants_ran()
    {
        // A chat replica that tolerates the Moon's taint still never lands there: its 2 s budget is shorter than the
        // round trip (LatencyBudget). The tolerating batch tenant's replicas run on the Moon once the Earth node is
        // full; a plain tenant's are kept off it by the taint. Chat and plain go first by priority.
        var scenario = ScenarioBuilder.Sites(6 * 3600, 3,
            [new NodeSpec(ScenarioBuilder.Node("earth-1", 2), "earth", "H100"), new NodeSpec(ScenarioBuilder.Node("lunar-1", 8, s_latencyHigh), "moon", "H100")], [],
            ScenarioBuilder.Tenant("chat", 0.5, new ConstantDistribution(1), budget: 2, priority: 10, tolerations: s_toleratesLatency),
            ScenarioBuilder.Tenant("batch", 0.3, new ConstantDistribution(20), budget: 3600, workloadClass: WorkloadClass.Batch, replicas: 8, tolerations: s_toleratesLatency),
            ScenarioBuilder.Tenant("plain", 0.05, new ConstantDistribution(1), budget: 60, priority: 10));
        var metrics = new ScenarioSimulation(scenario).Run();
        var tenants = metrics.Tenants.ToDictionary(t => t.Name);
        var sites = metrics.Replicas!.ToLookup(r => r.Tenant, r => r.Site);

        Assert.Equal(["earth"], sites["chat"]);
        Assert.Equal(["earth"], sites["plain"]);
        Assert.Equal(Enumerable.Repeat("moon", 8), sites["batch"]);
        Assert.Equal(0, tenants["chat"].ServedBySite["moon"]);
        Assert.True(tenants["batch"].ServedBySite["moon"] > 0);
        Assert.Equal(0, tenants["batch"].ServedBySite["earth"]);
        Assert.Equal(tenants["plain"].Served, tenants["plain"].ServedBySite["earth"]);
        Assert.True(metrics.Accounting.Balanced);
    }

    [Fact]
    public void With_the_ephemeris_link_lunar_work_flows_only_while_a_ground_station_and_the_site_see_each_other()
    {
        // The built-in world without its relay: the rim's direct link alone.
        var metrics = new ScenarioSimulation(ScenarioBuilder.BuiltIn(ScenarioBuilder.WithoutRelays) with { DurationSeconds = 30 * 86_400 }).Run();

        Assert.Equal("ephemeris", metrics.Link.Model);
        var link = Assert.Single(metrics.Link.Sites);
        // From 88.74°S the Earth librates through the horizon: up part of each month, down for days.
        Assert.InRange(link.Availability, 0.2, 0.7);
        Assert.Equal(link.PlannedConnectivity, link.DirectOnlyConnectivity);
        Assert.Contains(link.Up, u => u == 0);
        Assert.Contains(link.Up, u => u > 0.999);
        Assert.InRange(link.MinLightTimeSeconds, 1.16, 1.30);
        Assert.InRange(link.MaxLightTimeSeconds, 1.30, 1.37);
        Assert.True(metrics.Sites.Single(s => s.Name == "shackleton-rim").Served > 0);
        // While the link is down the lunar replicas are out of the gateway's reach: the batch work they would have
        // taken waits at the gateway or goes to Earth, and none is lost.
        Assert.True(metrics.Tenants.Where(t => t.Class == "batch").All(t => t.Serving!.Autoscaling!.HeldAtGateway > 0));
        Assert.True(metrics.Accounting.Balanced);
    }

    [Theory]
    [InlineData(0.0, 0.0, 0.95, 1.0)]
    [InlineData(0.0, 180.0, 0.0, 0.0)]
    public void A_near_side_site_is_linked_almost_always_and_a_far_side_site_never(double latitude, double longitude, double low, double high)
    {
        var stations = ScenarioBuilder.DeepSpaceStations;
        // Four weeks: over a shorter span the Moon's declination can favour one hemisphere's stations.
        var scenario = ScenarioBuilder.Sites(28 * 86_400, 2,
            [new NodeSpec(ScenarioBuilder.Node("lunar-1", 8, s_latencyHigh), "moon", "H100")], [],
            ScenarioBuilder.Tenant("imagine", 0.01, new ConstantDistribution(5), budget: 3600,
                workloadClass: WorkloadClass.Batch, replicas: 8, tolerations: s_toleratesLatency)) with
        {
            Sites = [new SiteSpec("earth", SiteLocation.Earth, 39, -77), new SiteSpec("moon", SiteLocation.Moon, latitude, longitude)],
            GroundStations = stations,
            Link = ScenarioBuilder.Link with { FollowsEphemeris = true },
        };

        var metrics = new ScenarioSimulation(scenario).Run();

        var link = Assert.Single(metrics.Link.Sites);
        Assert.InRange(link.Availability, low, high);
        var tenant = Assert.Single(metrics.Tenants);
        Assert.Equal(tenant.Arrived, tenant.Served + tenant.Failed.Values.Sum() + tenant.InFlight.Total);
        if (high == 0)
        {
            // A far-side node is never reachable: its replicas' bindings never reach it, so none is ever Ready, and
            // every request waits at the gateway until its hour is spent.
            Assert.Equal(0, tenant.Served);
            Assert.True(tenant.InFlight.Pending > 0);
            Assert.StartsWith("held at the gateway past its budget: no replica ready", Assert.Single(tenant.Failed).Key, StringComparison.Ordinal);
        }
        else
        {
            Assert.InRange(tenant.LatencySeconds.P50, (2 * 1.17) + 5, (2 * 1.37) + 5.1);
        }
    }

    [Fact]
    public void A_tenant_whose_replicas_cannot_be_placed_fails_its_requests_with_the_schedulers_reason()
    {
        var lunarOnly = ScenarioBuilder.Sites(3600, 1,
            [new NodeSpec(ScenarioBuilder.Node("lunar-1", 8, s_latencyHigh), "moon", "H100")], [],
            ScenarioBuilder.Tenant("chat", 1, new ConstantDistribution(0.5), budget: 2));

        var chat = Assert.Single(new ScenarioSimulation(lunarOnly).Run().Tenants);

        var (reason, count) = Assert.Single(chat.Failed);
        Assert.StartsWith("held at the gateway past its budget: no replica ready; its pods are unschedulable: 0/1 nodes are available:", reason, StringComparison.Ordinal);
        Assert.Contains("untolerated taint {latency: high}", reason, StringComparison.Ordinal);
        Assert.Equal(chat.Arrived, count + chat.InFlight.Total);
        Assert.Equal(0, chat.Served);
    }

    [Fact]
    public void A_reply_from_the_Moon_takes_the_round_trip_plus_transfer_and_service()
    {
        const double service = 10;
        const double requestBytes = 1e6;
        const double replyBytes = 4e6;
        var scenario = ScenarioBuilder.Sites(86_400, 3,
            [new NodeSpec(ScenarioBuilder.Node("lunar-1", 8, s_latencyHigh), "moon", "H100")], [],
            ScenarioBuilder.Tenant("imagine", 0.01, new ConstantDistribution(service), budget: 3600,
                workloadClass: WorkloadClass.Batch, requestBytes: requestBytes, replyBytes: replyBytes, replicas: 8, tolerations: s_toleratesLatency));

        var tenant = Assert.Single(new ScenarioSimulation(scenario).Run().Tenants);

        // Light time both ways, each message serialised at 200 Mbit/s, and the service; at this load a request rarely
        // waits. When it does, it is for the gateway's view of a lunar replica, one light time old: a request sent
        // there is not yet seen when the next arrives within the round trip, which may then be sent to the same
        // replica (a tie among the idle ones) and wait behind it.
        var link = ScenarioBuilder.Link;
        var expected = (2 * link.OneWayDelaySeconds) + ((requestBytes + replyBytes) * 8 / link.BandwidthBitsPerSecond) + service;
        Assert.InRange(tenant.LatencySeconds.P50, expected, expected * 1.001); // HdrHistogram: 3 significant digits
        Assert.InRange(tenant.LatencySeconds.Mean, expected - 1e-9, expected + 0.1);
        Assert.InRange(tenant.MeanWaitSeconds, 0, 0.1);
    }

    [Fact]
    public void Lost_transmissions_are_resent_so_no_request_is_lost()
    {
        var lossy = ScenarioBuilder.Link with { LossProbability = 0.3 };
        var scenario = ScenarioBuilder.Sites(86_400, 5,
            [new NodeSpec(ScenarioBuilder.Node("lunar-1", 8, s_latencyHigh), "moon", "H100")], [],
            ScenarioBuilder.Tenant("imagine", 0.05, new ConstantDistribution(5), budget: 3600,
                workloadClass: WorkloadClass.Batch, replicas: 8, tolerations: s_toleratesLatency)) with { Link = lossy };

        var metrics = new ScenarioSimulation(scenario).Run();

        var tenant = Assert.Single(metrics.Tenants);
        Assert.Empty(tenant.Failed);
        Assert.Equal(tenant.Arrived, tenant.Served + tenant.InFlight.Total);
        // Each transmission is lost with p = 0.3, so resends per message average p / (1 − p) ≈ 0.43.
        var perMessage = metrics.Link.Retransmissions / (double)(metrics.Link.UplinkMessages + metrics.Link.DownlinkMessages);
        Assert.InRange(perMessage, 0.35, 0.51);
        Assert.True(tenant.LatencySeconds.Max > (2 * lossy.OneWayDelaySeconds) + 5 + lossy.RetransmitTimeoutSeconds);
    }

    [Theory]
    [InlineData(0.0, "delivered", 16)]
    [InlineData(1.0, "lost", 0)]
    public void Launched_nodes_join_their_site_after_transit_unless_the_launch_is_lost(double failureProbability, string outcome, int gpusAtEnd)
    {
        var launch = new LaunchSpec("cargo", "moon", "H100", [ScenarioBuilder.Node("lunar", 8, s_latencyHigh)], 2,
            FirstSeconds: 3600, EverySeconds: 0, Count: 1, TransitSeconds: 7200, failureProbability);
        var scenario = ScenarioBuilder.Sites(86_400, 1, [], [launch],
            ScenarioBuilder.Tenant("imagine", 0.01, new ConstantDistribution(5), budget: 3600,
                workloadClass: WorkloadClass.Batch, tolerations: s_toleratesLatency));

        var metrics = new ScenarioSimulation(scenario).Run();

        var record = Assert.Single(metrics.Launches);
        Assert.Equal(outcome, record.Outcome);
        Assert.Equal(["lunar-cargo-1-1", "lunar-cargo-1-2"], record.Nodes);
        var moon = metrics.Sites.Single(s => s.Name == "moon");
        Assert.Equal(gpusAtEnd, moon.GpusAtEnd);
        Assert.Equal(gpusAtEnd * (86_400 - 10_800.0), moon.GpuSecondsAvailable, 6);
        var tenant = Assert.Single(metrics.Tenants);
        // Before the nodes arrive (and for ever, when the launch is lost) there is nowhere to run a replica.
        Assert.Contains(tenant.Failed, f => f.Key.StartsWith("held at the gateway past its budget: no replica ready", StringComparison.Ordinal));
        Assert.Equal(tenant.Arrived, tenant.Served + tenant.Failed.Values.Sum() + tenant.InFlight.Total);
    }

    [Fact]
    public void Nodes_still_in_transit_at_the_end_are_reported_as_such()
    {
        var launch = new LaunchSpec("cargo", "moon", "H100", [ScenarioBuilder.Node("lunar", 8)], 1,
            FirstSeconds: 0, EverySeconds: 0, Count: 1, TransitSeconds: 7200, FailureProbability: 0);
        var scenario = ScenarioBuilder.Sites(3600, 1, [new NodeSpec(ScenarioBuilder.Node("earth-1", 8), "earth", "H100")], [launch],
            ScenarioBuilder.Tenant("chat", 0.1, new ConstantDistribution(1)));

        var record = Assert.Single(new ScenarioSimulation(scenario).Run().Launches);
        Assert.Equal("in-transit", record.Outcome);
        Assert.Equal(7200, record.OnlineSeconds);
    }

    [Fact]
    public void A_higher_priority_tenants_replicas_are_placed_first_when_GPUs_are_short()
    {
        var scenario = ScenarioBuilder.SingleNode(2, 3600, 9,
            ScenarioBuilder.Tenant("bulk", 0.5, new ExponentialDistribution(1), priority: 1, replicas: 2),
            ScenarioBuilder.Tenant("urgent", 0.5, new ExponentialDistribution(1), priority: 10, replicas: 2));

        var metrics = new ScenarioSimulation(scenario).Run();
        var tenants = metrics.Tenants.ToDictionary(t => t.Name);

        Assert.Equal(["urgent", "urgent"], metrics.Replicas!.Select(r => r.Tenant));
        Assert.Equal(tenants["urgent"].Arrived, tenants["urgent"].Served + tenants["urgent"].InFlight.Total);
        Assert.Equal(0, tenants["bulk"].Served);
        Assert.Contains("Insufficient nvidia.com/gpu", Assert.Single(tenants["bulk"].Failed).Key, StringComparison.Ordinal);
    }

    [Fact]
    public void Site_utilisation_is_GPU_time_held_by_replicas_and_their_engines_are_busy_as_the_load_asks()
    {
        // M/M/4 at ρ = 0.6 on four replicas that hold the node's four GPUs from the start: the site is fully held,
        // and the replicas' engines are busy a share ρ of the time.
        var scenario = ScenarioBuilder.SingleNode(4, 500_000, 4, ScenarioBuilder.Tenant("t", 2.4, new ExponentialDistribution(1), replicas: 4));
        var metrics = new ScenarioSimulation(scenario).Run();
        var site = metrics.Sites.Single(s => s.Name == "earth");
        Assert.Equal(1, site.Utilisation, 9);
        Assert.Equal(4 * 500_000.0, site.GpuSecondsAvailable, 6);
        Assert.Equal(site.GpuSecondsAvailable, site.GpuSecondsBusy, 6);
        Assert.InRange(metrics.Replicas!.Sum(r => r.BusySeconds) / site.GpuSecondsAvailable, 0.59, 0.61);
        var bin = site.Series.BinSeconds;
        var busyFromSeries = site.Series.Utilisation.Select((u, i) => u * 4 * Math.Min(bin, 500_000 - (i * bin))).Sum();
        Assert.Equal(site.GpuSecondsBusy, busyFromSeries, 3);
    }

    [Fact]
    public void Arrivals_follow_the_daily_cycle()
    {
        // λ(t) = 2 (1 + 0.5 cos(2π (h − 15) / 24)): the 15:00 hour sees about three times the 03:00 hour.
        var kernel = new SimulationKernel(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var perHour = new long[24];
        var generator = new ArrivalGenerator(kernel, new ArrivalSpec(2, 0.5, 15), kernel.TimeProvider.Epoch,
            new RandomSource(8), () => perHour[(int)(kernel.Now / 3600) % 24]++);
        generator.Start();
        kernel.Run(200 * 86_400);

        var peak = perHour[15] / (200 * 3600.0);
        var trough = perHour[3] / (200 * 3600.0);
        Assert.Equal(generator.RateAt(15.5 * 3600), peak, 1);
        Assert.InRange(peak / trough, 2.7, 3.3);
        Assert.Equal(2, perHour.Sum() / (200 * 86_400.0), 1);
    }
}
