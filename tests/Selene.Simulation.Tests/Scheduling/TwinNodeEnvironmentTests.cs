using k8s.Models;
using Selene.Cluster.Resources;
using Selene.Cluster.Scheduling.Framework;
using Selene.Cluster.Scheduling.Space;
using Selene.Simulation.Kernel;
using Selene.Simulation.Metrics;
using Selene.Simulation.Model;
using Selene.Simulation.Randomness;
using Selene.Simulation.Scenarios;
using Selene.Simulation.Scheduling;

namespace Selene.Simulation.Tests.Scheduling;

public class TwinNodeEnvironmentTests
{
    [Fact]
    public void Conditions_hold_for_their_minute_whichever_placement_asks_first()
    {
        // The lunar link is planned down from 90 s to 150 s. Within a minute every read gives the conditions at its
        // start, so feasibility worked out for one tenant early and for another late in the minute is the same.
        Assert.Equal([(61.0, true, null), (119.0, true, null), (120.0, false, 30.0), (179.0, false, 30.0), (180.0, true, null)], Seen(new PlannedGap(90, 150)));
    }

    [Fact]
    public void An_unplanned_outage_is_seen_as_down_but_nobody_knows_when_it_ends()
    {
        var outage = new OutageLinkSchedule(new ConstantLinkSchedule(1.3), [(90, 150)]);
        Assert.Equal([(61.0, true, null), (119.0, true, null), (120.0, false, null), (179.0, false, null), (180.0, true, null)], Seen(outage));
        Assert.Equal(100, outage.PlannedUp(100));
        Assert.Equal(150, outage.NextUp(100));
    }

    private static List<(double Time, bool? Up, double? NextContact)> Seen(ILinkSchedule schedule)
    {
        var kernel = new SimulationKernel();
        var site = new SiteState(new SiteSpec("moon", SiteLocation.Moon, 0, 0), 0, 3600, 60);
        var channel = new LinkChannel(kernel, ScenarioBuilder.Link, schedule, new RandomSource(1), towardEarth: false, _ => { });
        site.Link = new SiteLink(schedule, channel, channel) { MeanDelaySeconds = 1.3 };
        var environment = new TwinNodeEnvironment(kernel);
        environment.Place("lunar-1", site, 8);
        var node = new NodeInfo(new V1Node { Metadata = new V1ObjectMeta { Name = "lunar-1" } }, new ResourceNames());

        var seen = new List<(double Time, bool? Up, double? NextContact)>();
        foreach (var time in new[] { 61.0, 119.0, 120.0, 179.0, 180.0 })
        {
            kernel.Run(time);
            var conditions = environment.Conditions(node);
            seen.Add((time, conditions.LinkUp, conditions.LinkChangeSeconds));
            Assert.Equal(1.3, conditions.OneWayLightSeconds);
        }

        return seen;
    }

    // A link whose one gap is in the plan (as a contact plan's are).
    private sealed class PlannedGap(double from, double to) : ILinkSchedule
    {
        public double DelayAt(double time) => 1.3;

        public double NextUp(double time) => time >= from && time < to ? to : time;
    }

    [Fact]
    public void A_site_with_a_power_system_gives_each_node_its_share_of_the_GPU_budget_of_the_hour_and_its_energy_source()
    {
        var kernel = new SimulationKernel();
        var site = new SiteState(new SiteSpec("moon", SiteLocation.Moon, 0, 0), 0, 3600, 60);
        var channel = new LinkChannel(kernel, ScenarioBuilder.Link, new ConstantLinkSchedule(1.3), new RandomSource(1), towardEarth: false, _ => { });
        site.Link = new SiteLink(new ConstantLinkSchedule(1.3), channel, channel) { MeanDelaySeconds = 1.3 };
        var environment = new TwinNodeEnvironment(kernel);
        environment.Place("lunar-1", site, 8);
        environment.Place("lunar-2", site, 4);
        // Hour 0: the array covers the draw; hour 1: night, the store carries the node; hour 2: the array again.
        environment.SetPower(new PowerSiteMetrics("moon", 8, "H100", "predictive", 0, [], 3600,
            StateOfCharge: [1, 0.8, 0.9], SolarWatts: [9000, 0, 4000], UsedWatts: [6000, 400, 3200], GpuBudgetWatts: [5600, 0, 2800], NodeKelvin: [300, 300, 300]), 700);
        var one = new NodeInfo(new V1Node { Metadata = new V1ObjectMeta { Name = "lunar-1" } }, new ResourceNames());
        var two = new NodeInfo(new V1Node { Metadata = new V1ObjectMeta { Name = "lunar-2" } }, new ResourceNames());

        Assert.Equal((5600.0, 2800.0, 700.0), (environment.Conditions(one).PowerBudgetWatts!.Value, environment.Conditions(two).PowerBudgetWatts!.Value, environment.Conditions(one).GpuWatts!.Value));
        Assert.Equal(EnergySource.Sunlight, environment.Conditions(one).Energy);
        kernel.Run(3700);
        Assert.Equal(0, environment.Conditions(one).PowerBudgetWatts);
        Assert.Equal(EnergySource.Storage, environment.Conditions(two).Energy);
        kernel.Run(7300);
        Assert.Equal(1400, environment.Conditions(two).PowerBudgetWatts);
        Assert.Equal(EnergySource.Sunlight, environment.Conditions(two).Energy);
    }
}
