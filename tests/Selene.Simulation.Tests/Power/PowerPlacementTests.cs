using Selene.Power.Control;
using Selene.Power.Solar;
using Selene.Simulation.Randomness;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.Tests.Power;

public class PowerPlacementTests
{
    [Fact]
    public void Pods_are_not_placed_on_a_lunar_node_its_power_system_cannot_run()
    {
        // An equatorial site on sunlight alone: through the lunar night its GPU budget is nothing, so PowerHeadroom
        // keeps the batch work on Earth; by day the Moon takes its share (more of it than without a power model, as
        // PowerHeadroom's score then favours the node with power to spare).
        var nodes = new[] { new NodeSpec(ScenarioBuilder.Node("earth-1", 8), "earth", "H100"), new NodeSpec(ScenarioBuilder.Node("lunar-1", 8, ScenarioBuilder.LatencyHigh), "moon", "H100") };
        var tenant = ScenarioBuilder.Tenant("batch", 0.2, new ConstantDistribution(30), budget: 3600, workloadClass: WorkloadClass.Batch, tolerations: ScenarioBuilder.ToleratesLatency);
        var plain = ScenarioBuilder.Sites(30 * 86_400, 3, nodes, [], tenant) with
        {
            Sites = [new SiteSpec("earth", SiteLocation.Earth, 39, -77), new SiteSpec("moon", SiteLocation.Moon, 0, 0)],
        };
        var powered = plain with
        {
            Power = [new PowerSiteSpec("moon", new SolarArraySpec(60, 0.3, 0, 0, -0.0035, ArrayMount.Tracking), null, 400, 0.2, 16)],
            PowerPolicy = PowerPolicy.Greedy,
        };

        var without = new ScenarioSimulation(plain).Run();
        var with = new ScenarioSimulation(powered).Run();

        var site = Assert.Single(with.Power!);
        Assert.Contains(site.GpuBudgetWatts, w => w == 0);
        Assert.Contains(site.GpuBudgetWatts, w => w > 5000);
        var batch = with.Tenants.Single();
        Assert.True(batch.RejectedBySite["moon"].ContainsKey("node(s) lack power headroom"), string.Join("; ", batch.RejectedBySite["moon"].Keys));
        Assert.True(batch.ServedBySite["moon"] > 0 && without.Tenants.Single().ServedBySite["moon"] > 0);
        Assert.True(with.Accounting.Balanced);

        // Wherever the budget was nothing for the whole of a bin of the site's series and the hour before it, the lunar
        // GPUs were idle: nothing was placed there.
        var series = with.Sites.Single(s => s.Name == "moon").Series;
        var dark = 0;
        for (var j = 0; j < series.Utilisation.Length; j++)
        {
            var from = (int)Math.Floor(((j * series.BinSeconds) - site.BinSeconds) / site.BinSeconds);
            var to = (int)Math.Ceiling((j + 1) * series.BinSeconds / site.BinSeconds);
            if (from >= 0 && to <= site.GpuBudgetWatts.Length && Enumerable.Range(from, to - from).All(k => site.GpuBudgetWatts[k] == 0))
            {
                Assert.Equal(0, series.Utilisation[j]);
                dark++;
            }
        }

        Assert.True(dark > 10, $"{dark} dark bins");
    }
}
