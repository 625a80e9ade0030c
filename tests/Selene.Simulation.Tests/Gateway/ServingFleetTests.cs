using Selene.Core.Errors;
using Selene.Simulation.Metrics;
using Selene.Simulation.Scenarios;
using Xunit.Abstractions;

namespace Selene.Simulation.Tests.Gateway;

/// <summary>Tenants served by replicas the scheduler placed, behind a gateway, sized by an autoscaler.</summary>
public sealed class ServingFleetTests(ITestOutputHelper output)
{
    [Fact]
    public void A_day_of_the_built_in_world_meets_the_interactive_objectives_and_the_moon_serves_batch_work()
    {
        var metrics = new ScenarioSimulation(BuiltInScenarios.Load(BuiltInScenarios.Default) with { DurationSeconds = 86_400 }).Run();
        foreach (var tenant in metrics.Tenants)
        {
            output.WriteLine($"{tenant.Name}: goodput {tenant.Goodput:P2}, served {tenant.Served} ({string.Join(", ", tenant.ServedBySite.Select(s => $"{s.Key} {s.Value}"))}), failed {tenant.Failed.Values.Sum()}, shed {tenant.Shed.Values.Sum()}");
        }

        Assert.All(metrics.Tenants.Where(t => t.Class == "interactive"), t => Assert.True(t.Goodput >= 0.99, $"{t.Name} goodput {t.Goodput:P2}"));

        // The link is up on the first day, and the batch tenants' replicas on the rim take a visible share of their work.
        var rim = metrics.Link!.Sites.Single(s => s.Site == "shackleton-rim");
        Assert.True(rim.Availability > 0.5, $"link up {rim.Availability:P0}");
        foreach (var batch in metrics.Tenants.Where(t => t.Class == "batch"))
        {
            Assert.True(batch.ServedBySite["shackleton-rim"] > 0.05 * batch.Served, $"{batch.Name}: {batch.ServedBySite["shackleton-rim"]} of {batch.Served} on the Moon");
        }

        Assert.All(metrics.Tenants.Where(t => t.Class == "interactive"), t => Assert.Equal(0, t.ServedBySite["shackleton-rim"]));
        Assert.Contains(metrics.Replicas!, r => r.Site == "shackleton-rim");

        // Every request accounted for, exactly.
        var a = metrics.Accounting;
        Assert.Equal(a.Arrived, a.Served + a.Failed + a.Shed + a.InFlight);
        Assert.True(a.Balanced);
        Assert.All(metrics.Tenants, t => Assert.Equal(t.Arrived, t.Served + t.Failed.Values.Sum() + t.Shed.Values.Sum() + t.InFlight.Total));
        Assert.Equal(a.Served, metrics.Sites.Sum(s => s.Served));
    }

    /// <summary>
    /// A lunar node runs no more replicas than its share of the site's GPU power budget covers: at each replica's start
    /// there, the GPUs of the replicas alive on its node draw at most the budget of that minute (PowerHeadroom).
    /// </summary>
    [Fact]
    public void Lunar_replicas_stay_within_the_power_the_array_and_storage_give()
    {
        var scenario = ScenarioBuilder.BuiltIn(y => y.Replace("      arrayM2: 140", "      arrayM2: 12", StringComparison.Ordinal)
            .Replace("storage: {kind: lithiumIon, kWh: 1200}", "storage: {kind: lithiumIon, kWh: 40}", StringComparison.Ordinal)) with { DurationSeconds = 86_400 };
        var metrics = new ScenarioSimulation(scenario).Run();
        var power = Assert.Single(metrics.Power!);
        var watts = Selene.Power.Gpus.GpuPowerModel.BuiltIn("H100")!.MaxWatts;
        var lunar = metrics.Replicas!.Where(r => r.Site == "shackleton-rim").ToList();
        Assert.NotEmpty(lunar);
        var binding = 0;
        foreach (var replica in lunar)
        {
            var start = replica.StartSeconds;
            var gpus = lunar.Where(r => r.Node == replica.Node && r.StartSeconds <= start && r.EndSeconds > start).Sum(r => r.Gpus);
            var minute = Math.Floor(start / 60) * 60;
            var budget = power.GpuBudgetWatts[Math.Min(power.GpuBudgetWatts.Length - 1, (int)(minute / power.BinSeconds))] * 8 / power.Gpus;
            Assert.True(gpus * watts <= budget + 1e-6, $"{replica.Node} at {start:F0} s: {gpus} GPUs draw {gpus * watts} W of a {budget:F0} W budget");
            binding += budget < 8 * watts ? 1 : 0;
        }

        Assert.True(binding > 0, "the small array's budget never held the node below its 8 GPUs");
    }

    private const string StepLoad = """
        name: step-load
        seed: 3
        duration: 5h
        epoch: 2027-01-11T00:00:00Z
        gpuTypes:
          - {name: H100, product: NVIDIA-H100-80GB-HBM3}
        sites:
          - {name: ashburn, location: earth, latitude: 39.04, longitude: -77.49}
        nodes:
          - {manifest: manifests/earth-ashburn.yaml, site: ashburn}
          - {manifest: manifests/earth-ashburn-code.yaml, site: ashburn}
        link: {name: none, oneWayDelay: 1.282s, bandwidthMbps: 200}
        tenants:
          - name: chat
            class: interactive
            slo: {ttft: 2s, tpot: 100ms}
            arrivals:
              trace: azure-conv-2023
              loop: true
              surges: [{at: 2h, duration: 1h, factor: 4}]
            serving:
              model: llama-3.1-8b
              replicas: {min: 1, max: 24, initial: 2}
              autoscale: {metric: running, target: 16}
        """;

    /// <summary>
    /// The rate ×4 for an hour: the autoscaler adds replicas within the HPA's default rate limits (per 15 s, 4 pods or
    /// 100%, whichever is more), goodput dips while the new replicas load (its worst minute below every minute of the
    /// hour before) and comes back, and no replica is removed
    /// until 300 s after the last time more were asked for (the scale-down stabilisation window).
    /// </summary>
    [Fact]
    public void A_step_load_brings_replicas_within_the_HPA_limits_and_they_leave_after_the_stabilisation_window()
    {
        var metrics = new ScenarioSimulation(BuiltInScenarios.Parse(StepLoad, "step-load.yaml")).Run();
        var chat = metrics.Tenants.Single();
        var scaling = chat.Serving!.Autoscaling!;
        output.WriteLine(string.Join(" ", scaling.Decisions.Select(d => $"{d[0]:F0}s→{d[1]}")));
        Assert.True(metrics.Accounting.Balanced);

        double previousTime = double.NegativeInfinity;
        var previous = (double)scaling.Initial;
        double lastRise = double.NegativeInfinity;
        foreach (var decision in scaling.Decisions)
        {
            var (time, count) = (decision[0], decision[1]);
            Assert.True(time - previousTime >= 15, "one decision per sync");
            if (count > previous)
            {
                Assert.True(count <= Math.Max(previous + 4, 2 * previous), $"{previous} → {count} at {time} s");
                lastRise = time;
            }
            else
            {
                Assert.True(time - lastRise >= 300, $"scaled down at {time} s, {time - lastRise} s after the last rise");
            }

            (previousTime, previous) = (time, count);
        }

        double Peak(double from, double to) => scaling.Decisions.Where(d => d[0] >= from && d[0] < to).Select(d => d[1]).DefaultIfEmpty(0).Max();
        var before = scaling.Decisions.Where(d => d[0] < 7200).Select(d => d[1]).DefaultIfEmpty(scaling.Initial).Last();
        Assert.True(Peak(7200, 3 * 3600) >= 2 * before, $"replicas {before} before the surge, at most {Peak(7200, 3 * 3600)} in it");
        Assert.True(scaling.Decisions[^1][1] < Peak(7200, 3 * 3600), "the surge's replicas leave after it");

        // Goodput per minute (60 s bins over 5 h): a dip as the surge starts, and back above 99% in the last hour.
        Assert.Equal(60, chat.Serving.BinSeconds);
        var goodput = chat.GoodputSeries;
        var dip = goodput.Skip(120).Take(20).Min();
        var calmest = goodput.Skip(60).Take(60).Min();
        var lastHour = goodput.Skip(240).Average();
        output.WriteLine($"goodput before {goodput.Skip(60).Take(60).Average():P2} (worst minute {calmest:P2}), lowest minute in the surge's first 20 {dip:P2}, last hour {lastHour:P2}");
        Assert.True(dip < calmest, "goodput dips while new replicas load, below any minute of the hour before");
        Assert.True(lastHour >= 0.99);

        // The replicas series (the report's replica plot) shows the rise.
        var replicas = chat.Serving.Replicas;
        Assert.True(replicas.Skip(130).Take(50).Max() >= 2 * replicas.Skip(60).Take(60).Average());
    }

    [Theory]
    [InlineData("      replicas: {min: 3, max: 8, initial: 4}", "      replicas: {min: 9, max: 8, initial: 8}", "tenants[0].serving.replicas.min", "more than max")]
    [InlineData("      tensorParallel: 2\n", "      tensorParallel: 16\n", "tenants[0].serving.tensorParallel", "no H100 node has 16 GPUs")]
    [InlineData("{metric: running, target: 10}", "{metric: tokens, target: 10}", "tenants[0].serving.autoscale.metric", "queue, kvcache, running")]
    [InlineData("      replicas: {min: 3, max: 8, initial: 4}\n      autoscale: {metric: running, target: 10}   # requests in each replica's batch", "      replicas: {min: 3, max: 8, initial: 4}", "tenants[0].serving.replicas.max", "autoscale")]
    public void Bad_replicas_are_reported_with_the_file_line_and_field(string from, string to, string field, string message)
    {
        var text = BuiltInScenarios.Text(BuiltInScenarios.Default);
        Assert.Contains(from, text, StringComparison.Ordinal);
        var edited = text.Replace(from, to, StringComparison.Ordinal);
        var error = Assert.Throws<InputException>(() => ScenarioBuilder.BuiltIn(_ => edited));
        var diagnostic = Assert.Single(error.Errors, e => e.Field == field);
        var line = edited[..edited.IndexOf(to, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        Assert.Equal(("earth-moon.yaml", line), (diagnostic.File, diagnostic.Line));
        Assert.Contains(message, diagnostic.Message, StringComparison.Ordinal);
    }

    /// <summary>Surges warp time: a second inside a ×4 surge holds four seconds of the process's own time.</summary>
    [Theory]
    [InlineData(0, 10, 10)]        // no surge reached
    [InlineData(100, 10, 102.5)]   // inside the surge: 10 s of process time in 2.5 s
    [InlineData(90, 20, 102.5)]    // 10 s before the surge, then 10 s of process time in 2.5 s
    [InlineData(100, 1000, 800)]   // the whole surge (400 s of process time in 100 s), then 600 s at the plain rate
    [InlineData(250, 10, 260)]     // after it
    public void A_surge_runs_the_arrival_clock_faster(double from, double nominal, double expected) =>
        Assert.Equal(expected, ArrivalSurge.Advance([new ArrivalSurge(100, 100, 4)], from, nominal), 9);

    /// <summary>Felt recovery from goodput by the minute, worked by hand.</summary>
    [Fact]
    public void Recovery_as_users_feel_it_is_the_first_window_back_within_a_point()
    {
        var finished = Enumerable.Repeat(100L, 200).ToArray();
        var met = Enumerable.Repeat(99L, 200).ToArray(); // 99% before the fault
        for (var m = 100; m < 110; m++)
        {
            met[m] = 50; // ten bad minutes after a fault at minute 100
        }

        // Windows of 5 minutes from the fault: the first back at ≥ 98% starts at minute 110.
        Assert.Equal(10, Analysis.FeltRecovery.Minutes(finished, met, 100, 200));
        // A fault nobody felt.
        Assert.Equal(0, Analysis.FeltRecovery.Minutes(finished, met, 150, 200));
        // Never back within the run.
        Assert.Null(Analysis.FeltRecovery.Minutes(finished, met.Select((v, i) => i >= 100 ? 50L : v).ToArray(), 100, 200));
    }

    /// <summary>
    /// Faults at raised rates on the built-in world: replicas end with them, their requests are retried through the
    /// gateway or fail with the fault as their reason, recovery as users felt it is reported per fault class, and the
    /// run repeats to the byte.
    /// </summary>
    [Fact]
    public void Faults_end_replicas_and_their_requests_are_retried_or_fail_with_the_fault()
    {
        static Scenario Chaos() => BuiltInScenarios.Load(BuiltInScenarios.Default) with
        {
            DurationSeconds = 12 * 3600,
            Faults = FaultSpec.Default with
            {
                UpsetsPerGpuDay = new Dictionary<SiteLocation, double> { [SiteLocation.Earth] = 2, [SiteLocation.Moon] = 4 },
                Outcomes = new Dictionary<UpsetOutcome, double>
                {
                    [UpsetOutcome.Corrected] = 0.2,
                    [UpsetOutcome.DetectedCorruption] = 0.5,
                    [UpsetOutcome.GpuHang] = 0.3,
                },
            },
        };

        var metrics = new ScenarioSimulation(Chaos()).Run();
        var ended = metrics.Replicas!.Count(r => r.Released);
        output.WriteLine($"{metrics.Faults.Total} faults, {ended} replicas ended, retried {metrics.Tenants.Sum(t => t.Retried)}");
        Assert.True(metrics.Faults.ByType["upset-detected-corruption"] > 10 && metrics.Faults.ByType["upset-gpu-hang"] > 10);
        Assert.True(metrics.Tenants.Sum(t => t.Retried) > 0);
        var reasons = metrics.Tenants.SelectMany(t => t.Failed.Keys).ToList();
        Assert.All(reasons.Where(r => r.Contains("upset", StringComparison.Ordinal)), r => Assert.Contains("not retried", r, StringComparison.Ordinal));
        Assert.True(metrics.Accounting.Balanced);

        var felt = metrics.FeltRecovery!;
        Assert.Equal(metrics.Faults.ByType.Keys.Order(StringComparer.Ordinal), felt.Select(f => f.Type));
        Assert.All(felt, f => Assert.Equal(metrics.Faults.ByType[f.Type], f.Faults));
        Assert.All(felt, f => Assert.True(f.Felt + f.Unrecovered <= f.Faults));
        Assert.Equal(MetricsJson.Serialize(metrics), MetricsJson.Serialize(new ScenarioSimulation(Chaos()).Run()));
    }
}
