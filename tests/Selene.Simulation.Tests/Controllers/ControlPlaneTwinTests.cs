using Selene.Simulation.Metrics;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.Tests.Controllers;

public class ControlPlaneTwinTests
{
    // Two serving tenants, a Deployment of 3 replicas and a StatefulSet of 2, on an Earth node and a lunar one.
    private static Scenario LunarLoss(ulong seed) => ScenarioBuilder.Sites(8 * 3600, seed,
        [new NodeSpec(ScenarioBuilder.Node("earth-1", 8), "earth", "H100"), new NodeSpec(ScenarioBuilder.Node("lunar-1", 8, ScenarioBuilder.LatencyHigh), "moon", "H100")], [],
        ScenarioBuilder.ServingTenant("serve", 0.2, 3, budget: 3600, workloadClass: WorkloadClass.Batch, tolerations: ScenarioBuilder.ToleratesLatency),
        ScenarioBuilder.ServingTenant("kv", 0.1, 2, budget: 3600, workloadClass: WorkloadClass.Batch, kind: WorkloadKind.StatefulSet, tolerations: ScenarioBuilder.ToleratesLatency)) with
    {
        Faults = FaultSpec.Default with
        {
            UpsetsPerGpuDay = new Dictionary<SiteLocation, double>(),
            Impacts = [new ImpactClass("1mm", 1, ImpactDamage.Node)],
            ExposedAreaSquareMetres = 365.25 * 24 / 3, // one hit every ~3 h on average
        },
    };

    [Fact]
    public void After_a_lunar_node_is_lost_the_controllers_bring_every_workload_back_and_no_identity_runs_twice()
    {
        var metrics = new ScenarioSimulation(LunarLoss(4)).Run();
        var plane = metrics.ControlPlane!;

        Assert.Equal(1, plane.NodesLost);
        // Detected the Moon's 120 s grace after the last heartbeat arrived: that heartbeat left up to 10 s before the
        // loss and took ~1.3 s; monitor passes every 5 s. So between 120 − 11.4 and 120 + 5.
        var detect = plane.DetectSeconds;
        Assert.Equal(1, detect.Count);
        Assert.InRange(detect.Max, 108, 126);
        // Recovered once the evicted pods' 300 s toleration ran out and the StatefulSet's identities were freed.
        Assert.Equal(1, plane.RecoverSeconds.Count);
        Assert.InRange(plane.RecoverSeconds.Max, 420, 1500);
        Assert.True(plane.Evictions > 0);
        Assert.Equal(0, plane.IdentityConflicts);
        Assert.True(plane.AtDesiredAtEnd);
        Assert.True(metrics.Accounting.Balanced);

        Assert.Equal(MetricsJson.Serialize(metrics), MetricsJson.Serialize(new ScenarioSimulation(LunarLoss(4)).Run()));
    }

    [Fact]
    public void A_GPU_that_fails_for_good_taints_its_node_NoExecute_and_the_pods_there_come_back_elsewhere()
    {
        var scenario = ScenarioBuilder.Sites(8 * 3600, 7,
            [new NodeSpec(ScenarioBuilder.Node("earth-1", 8), "earth", "H100"), new NodeSpec(ScenarioBuilder.Node("earth-2", 8), "earth", "H100")], [],
            ScenarioBuilder.ServingTenant("batch", 2, 6, budget: 3600, workloadClass: WorkloadClass.Batch)) with
        {
            Faults = FaultSpec.Default with
            {
                UpsetsPerGpuDay = new Dictionary<SiteLocation, double> { [SiteLocation.Earth] = 0.5 },
                Outcomes = new Dictionary<UpsetOutcome, double> { [UpsetOutcome.Permanent] = 1 },
            },
        };
        var metrics = new ScenarioSimulation(scenario).Run();
        var plane = metrics.ControlPlane!;

        Assert.InRange(metrics.Faults.ByType["upset-permanent"], 1, 12);
        Assert.Equal(metrics.Faults.Total, plane.CosmicTaints);
        // Each failed GPU left its node's allocatable, as it left the twin's hardware.
        Assert.Equal(16 - metrics.Faults.ByType["upset-permanent"], plane.GpusAtEnd);
        Assert.Equal(metrics.Sites.Sum(s => s.GpusAtEnd), plane.GpusAtEnd);
        Assert.True(plane.Evictions > 0);
        // The replica on the failed GPU ends at once and its pod fails; the replacement is ready 5 s after binding
        // plus the model's 5 s load (or the NoExecute taint evicts at the next monitor pass, ≤ 5 s, first).
        Assert.True(plane.RecoverSeconds.Count > 0);
        Assert.InRange(plane.RecoverSeconds.Max, 5, 40);
        Assert.Equal(metrics.Faults.Total, plane.FaultsRecovered);
        Assert.Equal(0, plane.FaultsUnrecoveredAtEnd);
        Assert.True(plane.AtDesiredAtEnd);
        // The evicted replicas left the gateway at once and finished what they held within their 30 s grace: no
        // request failed.
        var batch = Assert.Single(metrics.Tenants);
        Assert.Empty(batch.Failed);
        Assert.True(metrics.Replicas!.Count(r => r.Released) >= 2);
        Assert.Equal(batch.Arrived, batch.Served + batch.Failed.Values.Sum() + batch.Shed.Values.Sum() + batch.InFlight.Total);
    }

    [Fact]
    public void A_wake_up_for_a_retry_lands_where_the_clock_reads_the_retry_as_due()
    {
        // The scheduler's retries are in 100 ns ticks, the kernel's clock in double seconds read back as ticks: a
        // wake-up at retry.TotalSeconds can read one tick short, find nothing due, and wake again at the same time
        // for ever. (A 60-day chaos run did just that.)
        var random = new Random(5);
        var shortBefore = 0;
        for (var i = 0; i < 100_000; i++)
        {
            var due = TimeSpan.FromTicks(random.NextInt64(0, 400L * 86_400 * TimeSpan.TicksPerSecond));
            shortBefore += TimeSpan.FromSeconds(due.TotalSeconds) < due ? 1 : 0;
            var seconds = ControlPlane.TwinControlPlane.SecondsReaching(due);
            Assert.True(TimeSpan.FromSeconds(seconds) >= due);
            Assert.InRange(seconds - due.TotalSeconds, 0, 1e-6);
        }

        Assert.True(shortBefore > 0, "the plain conversion should fall a tick short somewhere");
    }
}
