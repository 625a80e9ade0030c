using Selene.Simulation.Metrics;
using Selene.Simulation.Scenarios;
using Selene.Testing;

namespace Selene.Simulation.Tests.Live;

/// <summary>A live twin moves on in steps that follow the wall clock; the steps must not change the run.</summary>
public class SteppedTwinTests
{
    private static Scenario Chaos(double days) =>
        ScenarioLoader.LoadFile(RepositoryPaths.Of("examples/chaos.yaml")) with { DurationSeconds = days * 86_400 };

    [Fact]
    public void A_twin_moved_on_in_uneven_steps_ends_with_the_same_metrics_as_one_run()
    {
        // Faults, taints, the control plane's processes, webhooks, launches, the ephemeris link and power all run.
        var whole = MetricsJson.Serialize(new ScenarioSimulation(Chaos(3)).Run());

        var stepped = new ScenarioSimulation(Chaos(3));
        stepped.Start();
        var random = new Random(7);
        var seconds = 0.0;
        var snapshots = 0;
        while (seconds < 3 * 86_400)
        {
            seconds += random.NextDouble() * 7200;
            stepped.AdvanceTo(seconds);
            Assert.Equal(Math.Min(seconds, 3 * 86_400), stepped.Now);
            stepped.Snapshot();
            snapshots++;
        }

        Assert.True(snapshots > 50);
        Assert.Equal(whole, MetricsJson.Serialize(stepped.Finish()));
    }

    [Fact]
    public void A_snapshot_shows_sites_links_power_nodes_with_their_taints_tenants_and_the_faults_not_seen_before()
    {
        var twin = new ScenarioSimulation(Chaos(3));
        twin.Start();
        twin.AdvanceTo(86_400);
        var first = twin.Snapshot();

        Assert.Equal("chaos", first.Scenario);
        Assert.Equal(86_400, first.Seconds);
        Assert.Equal(twin.Scenario.Epoch.AddDays(1), first.Time);
        var rim = first.Sites.Single(s => s.Name == "shackleton-rim");
        Assert.Equal("moon", rim.Location);
        Assert.NotNull(rim.Link);
        Assert.InRange(rim.Link!.LightTimeSeconds, 1.19, 1.36);
        Assert.NotNull(rim.Power);
        Assert.InRange(rim.Power!.StateOfCharge, 0, 1);
        Assert.Null(first.Sites.Single(s => s.Name == "ashburn").Link);

        var lunar = first.Nodes.Single(n => n.Name == "lunar-gpu-01");
        Assert.Equal("shackleton-rim", lunar.Site);
        Assert.Equal(8, lunar.Installed);
        Assert.Contains("latency=high:NoSchedule", lunar.Taints);
        Assert.All(first.Nodes, n => Assert.InRange(n.Busy, 0, n.Gpus));
        Assert.Equal(first.Sites.Sum(s => s.Busy), first.Nodes.Sum(n => n.Busy));
        Assert.All(first.Tenants, t => Assert.Equal(t.Arrived, t.Served + t.Failed + t.InFlight));

        // Faults come once: a snapshot past the ones seen holds only the later ones.
        Assert.True(first.FaultCount > 0);
        Assert.Equal(first.FaultCount, first.NewFaults.Count);
        twin.AdvanceTo(2 * 86_400);
        var second = twin.Snapshot(first.FaultCount);
        Assert.Equal(second.FaultCount - first.FaultCount, second.NewFaults.Count);
        Assert.All(second.NewFaults, f => Assert.InRange(f.Time, 86_400, 2 * 86_400));
    }
}
