using Selene.Simulation.Metrics;
using Selene.Simulation.Randomness;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.Tests.Controllers;

public class ControlPlaneTwinTests
{
    private static Scenario LunarLoss(ulong seed) => ScenarioBuilder.Sites(8 * 3600, seed,
        [new NodeSpec(ScenarioBuilder.Node("earth-1", 8), "earth", "H100"), new NodeSpec(ScenarioBuilder.Node("lunar-1", 8, ScenarioBuilder.LatencyHigh), "moon", "H100")], [],
        ScenarioBuilder.Tenant("batch", 0.2, new ConstantDistribution(10), budget: 3600, workloadClass: WorkloadClass.Batch, tolerations: ScenarioBuilder.ToleratesLatency)) with
    {
        Workloads =
        [
            new WorkloadSpec("serve", WorkloadKind.Deployment, "batch", 6, 0, [ScenarioBuilder.ToleratesLatency]),
            new WorkloadSpec("kv", WorkloadKind.StatefulSet, "batch", 4, 0, [ScenarioBuilder.ToleratesLatency]),
        ],
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
            ScenarioBuilder.Tenant("batch", 0.5, new ConstantDistribution(20), budget: 3600, workloadClass: WorkloadClass.Batch)) with
        {
            Workloads = [new WorkloadSpec("serve", WorkloadKind.Deployment, "batch", 4, 0, [])],
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
        // Each NoExecute taint evicts at the next monitor pass (≤ 5 s) and a replacement is ready 5 s after binding.
        Assert.True(plane.RecoverSeconds.Count > 0);
        Assert.InRange(plane.RecoverSeconds.Max, 5, 30);
        Assert.Equal(metrics.Faults.Total, plane.FaultsRecovered);
        Assert.Equal(0, plane.FaultsUnrecoveredAtEnd);
        Assert.True(plane.AtDesiredAtEnd);
        var batch = Assert.Single(metrics.Tenants);
        Assert.True(batch.Retried > 0);
        Assert.Equal(batch.Arrived, batch.Served + batch.Failed.Values.Sum() + batch.InFlight.Total);
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
