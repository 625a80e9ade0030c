using Selene.Simulation.Limits;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.Tests.Faults;

/// <summary>
/// An unplanned outage of the lunar link is not in the contact plan: the node lifecycle cannot know when it ends, so it
/// treats the silent nodes as a real one would, as unreachable after their grace, and their pods are evicted.
/// </summary>
public sealed class UnplannedOutageTests
{
    [Fact]
    public void Nodes_silent_through_an_unplanned_outage_become_unreachable_and_their_pods_are_evicted()
    {
        // One day of the built-in world with no faults but two-hour link outages, three a day on average.
        var scenario = ScenarioLoader.Parse("""
            extends: earth-moon
            duration: 1d
            faults:
              upsets:
                perGpuDay: {earth: 0, orbit: 0, moon: 0}
              solarStorms: {perYear: 0}
              micrometeoroids:
                exposedAreaM2: 0
              linkOutages: {perDay: 3, meanDuration: 2h}
            """, "outages.yaml", _ => null);
        var metrics = BoundedRun.Run(new ScenarioSimulation(scenario), new WorkLimits());

        Assert.True(metrics.Faults.ByType.GetValueOrDefault("link-outage") > 0, "the day drew no outage");
        var controlPlane = metrics.ControlPlane!;
        // The lunar pods tolerate an unreachable node for 300 s (Kubernetes' default); outages of hours outlast that.
        Assert.True(controlPlane.Evictions > 0, "no pod was evicted from a node cut off for hours by an unplanned outage");
        Assert.True(metrics.Accounting.Balanced);
    }
}
