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
    public void Each_request_is_a_pod_the_scheduler_places_and_the_metrics_say_where_tenants_ran_and_why_sites_rejected_them()
    {
        // A chat pod that tolerates the Moon's taint still never lands there: its 2 s budget is shorter than the
        // round trip (LatencyBudget). A tolerating batch pod runs on both sites; a plain one is kept off by the taint.
        var scenario = ScenarioBuilder.Sites(6 * 3600, 3,
            [new NodeSpec(ScenarioBuilder.Node("earth-1", 2), "earth", "H100"), new NodeSpec(ScenarioBuilder.Node("lunar-1", 8, s_latencyHigh), "moon", "H100")], [],
            ScenarioBuilder.Tenant("chat", 0.5, new ConstantDistribution(1), budget: 2, tolerations: s_toleratesLatency),
            ScenarioBuilder.Tenant("batch", 0.5, new ConstantDistribution(20), budget: 3600, workloadClass: WorkloadClass.Batch, tolerations: s_toleratesLatency),
            ScenarioBuilder.Tenant("plain", 0.05, new ConstantDistribution(1), budget: 60));
        var metrics = new ScenarioSimulation(scenario).Run();
        var tenants = metrics.Tenants.ToDictionary(t => t.Name);

        Assert.Equal(0, tenants["chat"].ServedBySite["moon"]);
        Assert.StartsWith("node(s) are 2.5", Assert.Single(tenants["chat"].RejectedBySite["moon"]).Key, StringComparison.Ordinal);
        Assert.Equal(tenants["chat"].Arrived, Assert.Single(tenants["chat"].RejectedBySite["moon"]).Value);
        Assert.True(tenants["batch"].ServedBySite["moon"] > 0 && tenants["batch"].ServedBySite["earth"] > 0);
        Assert.False(tenants["batch"].RejectedBySite.ContainsKey("moon"));
        Assert.Equal("node(s) had untolerated taint {latency: high}", Assert.Single(tenants["plain"].RejectedBySite["moon"]).Key);
        var moon = metrics.Sites.Single(s => s.Name == "moon");
        Assert.Equal(tenants["chat"].Arrived + tenants["plain"].Arrived, moon.Rejections.Sum(r => r.Requests));
        Assert.Equal(tenants["chat"].Arrived, moon.Rejections[0].Requests);
        Assert.True(metrics.Accounting.Balanced);
    }

    [Fact]
    public void With_the_ephemeris_link_lunar_work_flows_only_while_a_ground_station_and_the_site_see_each_other()
    {
        var metrics = new ScenarioSimulation(BuiltIn(30)).Run();

        Assert.Equal("ephemeris", metrics.Link.Model);
        var link = Assert.Single(metrics.Link.Sites);
        // From 88.74°S the Earth librates through the horizon: up part of each month, down for days.
        Assert.InRange(link.Availability, 0.2, 0.7);
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
                workloadClass: WorkloadClass.Batch, tolerations: s_toleratesLatency)) with
        {
            Sites = [new SiteSpec("earth", SiteLocation.Earth, 39, -77), new SiteSpec("moon", SiteLocation.Moon, latitude, longitude)],
            GroundStations = stations,
            Link = ScenarioBuilder.Link with { FollowsEphemeris = true },
        };

        var metrics = new ScenarioSimulation(scenario).Run();

        var link = Assert.Single(metrics.Link.Sites);
        Assert.InRange(link.Availability, low, high);
        var tenant = Assert.Single(metrics.Tenants);
        Assert.Equal(tenant.Arrived, tenant.Served + tenant.InFlight.Total);
        if (high == 0)
        {
            // A far-side node is never reachable: the scheduler keeps every request's pod pending (LinkAvailability
            // rejects the node, and as kube-scheduler does with an unschedulable pod, it waits rather than fails).
            Assert.Equal(0, tenant.Served);
            Assert.Equal(tenant.Arrived, tenant.InFlight.Pending);
            Assert.Equal("node(s) unreachable: link down", Assert.Single(tenant.RejectedBySite["moon"]).Key);
        }
        else
        {
            Assert.InRange(tenant.LatencySeconds.P50, (2 * 1.17) + 5, (2 * 1.37) + 5.1);
        }
    }

    [Fact]
    public void A_workload_with_no_feasible_node_fails_with_the_reason_and_is_still_counted()
    {
        var lunarOnly = ScenarioBuilder.Sites(3600, 1,
            [new NodeSpec(ScenarioBuilder.Node("lunar-1", 8, s_latencyHigh), "moon", "H100")], [],
            ScenarioBuilder.Tenant("chat", 1, new ConstantDistribution(0.5), budget: 2));

        var chat = Assert.Single(new ScenarioSimulation(lunarOnly).Run().Tenants);

        var (reason, count) = Assert.Single(chat.Failed);
        Assert.Contains("node(s) had untolerated taint {latency: high} (1 node)", reason, StringComparison.Ordinal);
        Assert.Equal(chat.Arrived, count);
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
                workloadClass: WorkloadClass.Batch, requestBytes: requestBytes, replyBytes: replyBytes, tolerations: s_toleratesLatency));

        var tenant = Assert.Single(new ScenarioSimulation(scenario).Run().Tenants);

        // Light time both ways, each message serialised at 200 Mbit/s, and the service; at this load nothing queues.
        var link = ScenarioBuilder.Link;
        var expected = (2 * link.OneWayDelaySeconds) + ((requestBytes + replyBytes) * 8 / link.BandwidthBitsPerSecond) + service;
        // Two messages rarely overlap on the link at this load; when they do, the later one waits its turn.
        Assert.InRange(tenant.LatencySeconds.P50, expected, expected * 1.001); // HdrHistogram: 3 significant digits
        Assert.InRange(tenant.LatencySeconds.Mean, expected - 1e-9, expected + 0.001);
        Assert.Equal(0, tenant.MeanWaitSeconds);
    }

    [Fact]
    public void Lost_transmissions_are_resent_so_no_request_is_lost()
    {
        var lossy = ScenarioBuilder.Link with { LossProbability = 0.3 };
        var scenario = ScenarioBuilder.Sites(86_400, 5,
            [new NodeSpec(ScenarioBuilder.Node("lunar-1", 8, s_latencyHigh), "moon", "H100")], [],
            ScenarioBuilder.Tenant("imagine", 0.05, new ConstantDistribution(5), budget: 3600,
                workloadClass: WorkloadClass.Batch, tolerations: s_toleratesLatency)) with { Link = lossy };

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
        // Before the nodes arrive (and for ever, when the launch is lost) there is nowhere to run.
        Assert.True(tenant.Failed.GetValueOrDefault("no node online") > 0);
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
    public void Higher_priority_work_is_served_first_at_a_busy_node()
    {
        var scenario = ScenarioBuilder.SingleNode(2, 200_000, 9,
            ScenarioBuilder.Tenant("urgent", 0.6, new ExponentialDistribution(1), priority: 10),
            ScenarioBuilder.Tenant("bulk", 1.2, new ExponentialDistribution(1), priority: 1));

        var tenants = new ScenarioSimulation(scenario).Run().Tenants.ToDictionary(t => t.Name);

        Assert.True(tenants["urgent"].MeanWaitSeconds * 3 < tenants["bulk"].MeanWaitSeconds,
            $"urgent waits {tenants["urgent"].MeanWaitSeconds} s, bulk {tenants["bulk"].MeanWaitSeconds} s");
    }

    [Fact]
    public void Utilisation_is_busy_GPU_time_over_online_GPU_time()
    {
        // M/M/4 at ρ = 0.6: long-run utilisation is ρ.
        var scenario = ScenarioBuilder.SingleNode(4, 500_000, 4, ScenarioBuilder.Tenant("t", 2.4, new ExponentialDistribution(1)));
        var site = new ScenarioSimulation(scenario).Run().Sites.Single(s => s.Name == "earth");
        Assert.InRange(site.Utilisation, 0.59, 0.61);
        Assert.Equal(4 * 500_000.0, site.GpuSecondsAvailable, 6);
        Assert.InRange(site.Series.Utilisation.Average(), 0.59, 0.61);
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
