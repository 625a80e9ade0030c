using k8s.Models;
using Selene.Cluster.Controllers;
using Selene.Cluster.Store;
using Selene.Simulation.Contacts;
using Selene.Simulation.Model;
using Selene.Simulation.Scenarios;
using Xunit.Abstractions;

namespace Selene.Simulation.Tests.Contacts;

/// <summary>The built-in world's relay: connectivity, the Moon's share of the work while the Earth is down, and outages known in advance.</summary>
public sealed class RelayWorldTests(ITestOutputHelper output)
{
    [Fact]
    public void With_its_relay_the_rim_has_a_path_to_earth_at_least_95_percent_of_a_month()
    {
        var export = ContactPlanExport.For(BuiltInScenarios.Load(BuiltInScenarios.Default), 30 * 86_400);
        var rim = export.Sites.Single(s => s.Site == "shackleton-rim");
        output.WriteLine($"rim: {rim.WithRelays:P2} with the relay, {rim.DirectOnly:P2} direct only");
        Assert.True(rim.WithRelays >= 0.95, $"{rim.WithRelays:P2}");
        // The direct link is up from the start for about 13 days, then the Earth sets for about 12 (the run's epoch is chosen so).
        Assert.InRange(rim.DirectOnly, 0.5, 0.7);

        // The same from the plan of a scenario without the relay.
        var direct = ContactPlanExport.For(ScenarioBuilder.BuiltIn(ScenarioBuilder.WithoutRelays), 30 * 86_400).Sites.Single();
        Assert.Equal(rim.DirectOnly, direct.WithRelays, 9);

        // Its CSV has one row per directed contact, and every contact of the relay is one it could really carry.
        var csv = export.Csv().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(export.Plan.Contacts.Count + 1, csv.Length);
        Assert.StartsWith("from,to,start_utc,end_utc,start_s,end_s,duration_s,owlt_s,rate_bps,band", csv[0], StringComparison.Ordinal);
        Assert.All(export.Plan.Contacts, c => Assert.True(c.RateBitsPerSecond > 0 && c.End > c.Start));
    }

    [Fact]
    public void While_the_earth_is_below_the_rims_horizon_the_relay_keeps_batch_work_flowing_to_the_moon()
    {
        // Day 16 of the month: the Earth has set at the rim (the direct link alone is down all day).
        static Scenario Day16(Scenario s) => s with { Epoch = s.Epoch.AddDays(16), DurationSeconds = 86_400 };
        var relayed = new ScenarioSimulation(Day16(BuiltInScenarios.Load(BuiltInScenarios.Default))).Run();
        var alone = new ScenarioSimulation(Day16(ScenarioBuilder.BuiltIn(ScenarioBuilder.WithoutRelays))).Run();

        var moon = (Selene.Simulation.Metrics.MetricsDocument m) => m.Tenants.Where(t => t.Class == "batch").Sum(t => t.ServedBySite["shackleton-rim"]);
        var relayedLink = relayed.Link.Sites.Single();
        output.WriteLine($"with the relay: {moon(relayed)} batch requests served on the Moon, link up {relayedLink.Availability:P1} (direct alone {relayedLink.DirectOnlyConnectivity:P1}); without: {moon(alone)}");
        Assert.Equal(0, alone.Link.Sites.Single().DirectOnlyConnectivity);
        Assert.Equal(0, moon(alone));
        Assert.True(moon(relayed) > 1000, $"{moon(relayed)} on the Moon");
        Assert.True(relayedLink.PlannedConnectivity > 0.8);
        Assert.True(relayed.Accounting.Balanced);
    }

    [Fact]
    public void A_lunar_node_silent_inside_a_predicted_outage_is_not_unreachable_until_its_grace_after_the_next_contact()
    {
        // With Goldstone the only station, the rim's path to Earth (through the relay or not) has gaps of hours: outages
        // the contact plan knows in advance.
        var scenario = ScenarioBuilder.BuiltIn(y => string.Join('\n', y.Split('\n').Where(l => !l.Contains("- {name:", StringComparison.Ordinal) || l.Contains("goldstone", StringComparison.Ordinal))));
        var plan = ContactPlanExport.For(scenario, 3 * 86_400).Plan;
        var schedule = new ContactPlanLinkSchedule(plan, plan.IndexOf("shackleton-rim"), 60);
        var gaps = plan.Connected(plan.IndexOf("shackleton-rim")).Intervals.Zip(plan.Connected(plan.IndexOf("shackleton-rim")).Intervals.Skip(1), (a, b) => (Start: a.End, End: b.Start));
        var gap = gaps.First(g => g.Start > 600 && g.End - g.Start > 1800);
        var dies = gap.Start + 600;

        var epoch = scenario.Epoch;
        var clock = new ManualClock { Now = epoch };
        var store = new ClusterStore();
        store.Create(new V1Node
        {
            ApiVersion = "v1",
            Kind = "Node",
            Metadata = new V1ObjectMeta { Name = "lunar-1", Labels = new Dictionary<string, string> { ["selene.io/location"] = "moon" } },
            Spec = new V1NodeSpec(),
        });
        var controller = new NodeLifecycleController(store, clock, linkUpAt: _ =>
        {
            var t = (clock.Now - epoch).TotalSeconds;
            var up = schedule.NextUp(t);
            return up <= t ? clock.Now : double.IsFinite(up) ? epoch.AddSeconds(up) : DateTimeOffset.MaxValue;
        });

        double? markedAt = null;
        for (var t = 0; t < gap.End + 600; t++)
        {
            clock.Now = epoch.AddSeconds(t);
            if (t < dies && t % 10 == 0 && schedule.NextUp(t) <= t)
            {
                controller.Heartbeat("lunar-1");
            }

            if (t % 5 == 0)
            {
                controller.Monitor();
            }

            var taint = store.Get<V1Node>(null, "lunar-1")!.Spec.Taints?.SingleOrDefault();
            if (t > dies && t < gap.End)
            {
                Assert.NotEqual(NodeLifecycleController.Unreachable, taint?.Key);
                if (t > dies + 130)
                {
                    // Taken for cut off, not dead, and the taint says when the plan has the link back.
                    Assert.Equal(NodeLifecycleController.LinkDown, taint?.Key);
                    Assert.Equal(epoch.AddSeconds(gap.End).UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture), taint?.Value);
                }
            }

            if (taint?.Key == NodeLifecycleController.Unreachable && markedAt is null)
            {
                markedAt = t;
            }
        }

        output.WriteLine($"outage {gap.Start:0}–{gap.End:0} s, silent from {dies:0} s, unreachable at {markedAt} s");
        Assert.NotNull(markedAt);
        // The Moon's grace, 120 s, runs from the first 5-second pass that finds the link back, and the pass after it runs out marks the node.
        Assert.InRange(markedAt!.Value, gap.End + 120, gap.End + 5 + 120 + 5);
    }

    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
