using Selene.Simulation.Metrics;
using Selene.Simulation.Scenarios;
using Xunit.Abstractions;

namespace Selene.Simulation.Tests.Serving;

/// <summary>The twin's serving tenants: replicas with continuous batching on the built-in traces.</summary>
public sealed class ServingTwinTests(ITestOutputHelper output)
{
    private static Scenario Edited(Func<string, string> edit, double hours) =>
        BuiltInScenarios.Parse(edit(BuiltInScenarios.Text(BuiltInScenarios.Default)), "examples/earth-moon.yaml") with { DurationSeconds = hours * 3600 };

    /// <summary>
    /// Little's law on every replica of a busy run: the time-average of requests in it (from the engine's own counts
    /// of waiting and running) equals its throughput × the mean time a request spent in it, within 1%.
    /// </summary>
    [Fact]
    public void Littles_law_holds_on_every_busy_replica()
    {
        var scenario = Edited(y => y.Replace("      trace: azure-conv-2023   # one hour, 5.4 requests/s, looped for the whole run\n      loop: true",
            "      trace: azure-conv-2023\n      loop: true\n      rateScale: 6", StringComparison.Ordinal), hours: 3);
        var metrics = new ScenarioSimulation(scenario).Run();
        var busy = metrics.Replicas!.Where(r => r.Served >= 2000).ToList();
        Assert.NotEmpty(busy);
        foreach (var replica in busy)
        {
            var little = replica.ThroughputPerSecond * replica.MeanTimeInSystemSeconds;
            output.WriteLine($"{replica.Tenant} on {replica.Node}: {replica.Served} served, mean batch {replica.MeanBatch:F1}, in system {replica.MeanInSystem:F3}, λW {little:F3}");
            Assert.Equal(1, replica.MeanInSystem / little, 0.01);

            // Its batch over time integrates to its mean batch over its life.
            var bin = metrics.Tenants.Single(t => t.Name == replica.Tenant).Serving!.BinSeconds;
            var integral = replica.Batch.Select((b, k) => b * Math.Max(0, Math.Min(bin, replica.EndSeconds - ((replica.FirstBin + k) * bin)))).Sum();
            Assert.Equal(replica.MeanBatch * (replica.EndSeconds - replica.StartSeconds), integral, integral * 1e-9);
        }

        Assert.True(metrics.Accounting.Balanced);
        var chat = metrics.Tenants.Single(t => t.Name == "chat");
        Assert.True(chat.Serving!.ReplicasMax >= 2, "six times the trace's rate needs more than one replica");
    }

    [Fact]
    public void A_serving_run_repeats_to_the_byte_and_accounts_for_every_request()
    {
        var first = MetricsJson.Serialize(new ScenarioSimulation(Edited(y => y, hours: 2)).Run());
        var second = MetricsJson.Serialize(new ScenarioSimulation(Edited(y => y, hours: 2)).Run());
        Assert.Equal(first, second);
    }

    [Fact]
    public void Token_metrics_are_consistent_with_the_trace()
    {
        var metrics = new ScenarioSimulation(Edited(y => y, hours: 2)).Run();
        var chat = metrics.Tenants.Single(t => t.Name == "chat");
        var serving = chat.Serving!;

        // The conv trace: 5.4 requests a second, about 1,150 prompt and 210 output tokens each on average.
        Assert.InRange(chat.Arrived / 7200.0, 5.2, 5.8);
        Assert.InRange(serving.InputTokensPerSecond / chat.ThroughputPerSecond, 900, 1400);
        Assert.InRange(serving.OutputTokensPerSecond / chat.ThroughputPerSecond, 150, 300);
        Assert.True(serving.TtftSeconds.P50 < chat.LatencySeconds.P50, "the first token comes before the last");
        Assert.True(serving.TpotSeconds.P50 > 0.004 && serving.TpotSeconds.P50 < 0.1, $"TPOT p50 {serving.TpotSeconds.P50}");
        Assert.InRange(chat.Goodput, 0.9, 1.0);
        Assert.True(serving.GpuSecondsHeld >= serving.GpuSecondsBusy && serving.GpuSecondsBusy > 0);
        Assert.True(serving.EnergyWhPer1000OutputTokens > 0);
        Assert.Equal(2.0, chat.Objectives!.TtftSeconds);
        Assert.Null(chat.Objectives.E2eSeconds);
    }

    /// <summary>A scenario may define its own models: here a 13B dense model for chat and a diffusion model for imagine.</summary>
    [Fact]
    public void Models_the_scenario_defines_serve_its_tenants()
    {
        var scenario = Edited(y => y
            .Replace("\ntenants:\n", """

                models:
                  - name: my-13b
                    parameters: 13.0e9
                    layers: 40
                    hiddenSize: 5120
                    attentionHeads: 40
                    headDimension: 128
                  - name: pixel-dream
                    kind: diffusion
                    parameters: 2.6e9
                    steps: 30
                    stepFlopsPerImage: 5e12
                tenants:

                """, StringComparison.Ordinal)
            .Replace("      model: llama-3.1-70b\n      weights: fp8\n      tensorParallel: 2\n      gpuTypes: [H100]", "      model: my-13b\n      gpuTypes: [H100]", StringComparison.Ordinal)
            .Replace("      model: sdxl\n", "      model: pixel-dream\n      maxBatchImages: 4\n", StringComparison.Ordinal), hours: 2);
        Assert.Equal("my-13b", scenario.Tenants[0].Serving!.Model!.Name);
        Assert.Equal(Selene.Serving.Models.ModelKind.Diffusion, scenario.Tenants[2].Serving!.Model!.Kind);

        var metrics = new ScenarioSimulation(scenario).Run();
        var chat = metrics.Tenants.Single(t => t.Name == "chat");
        var imagine = metrics.Tenants.Single(t => t.Name == "imagine");
        Assert.True(chat.Served > 30_000 && imagine.Served > 1_500, $"served {chat.Served} chat, {imagine.Served} imagine");
        Assert.Equal("pixel-dream", imagine.Serving!.Model);
        // An image is one piece of output: its first token is its last.
        Assert.Equal(imagine.Serving.TtftSeconds.P50, imagine.LatencySeconds.P50, 0.05 * imagine.LatencySeconds.P50);
        Assert.True(metrics.Accounting.Balanced);
    }

    /// <summary>A request too long for any replica's KV cache fails with the reason, once; it is not placed again and again.</summary>
    [Fact]
    public void A_request_no_replica_can_hold_fails_saying_why()
    {
        var scenario = Edited(y => y
            .Replace("\ntenants:\n", "\nmodels:\n  - {name: roomless, parameters: 35e9, layers: 80, hiddenSize: 8192, attentionHeads: 64, headDimension: 128}\ntenants:\n", StringComparison.Ordinal)
            .Replace("      model: llama-3.1-70b\n      weights: fp8\n      tensorParallel: 2\n      gpuTypes: [H100]", "      model: roomless\n      gpuTypes: [H100]", StringComparison.Ordinal), hours: 0.5);
        var metrics = new ScenarioSimulation(scenario).Run();
        var chat = metrics.Tenants.Single(t => t.Name == "chat");
        var refused = chat.Failed.Where(f => f.Key.StartsWith("refused by the replica", StringComparison.Ordinal)).Sum(f => f.Value);
        output.WriteLine($"chat: {chat.Served} served, {refused} refused: {string.Join("; ", chat.Failed.Keys.Take(1))}");
        Assert.True(chat.Served > 100 && refused > 100);
        Assert.True(metrics.Accounting.Balanced);
    }

    /// <summary>A request served on the Moon waits for its prompt to go up and its first token to come down.</summary>
    [Fact]
    public void On_the_moon_the_first_token_pays_both_crossings()
    {
        var scenario = Edited(y => y
            .Replace("  - manifest: manifests/earth-ashburn.yaml\n    site: ashburn\n  - manifest: manifests/earth-ashburn-code.yaml\n    site: ashburn\n  - manifest: manifests/earth-frankfurt.yaml\n    site: frankfurt\n", "", StringComparison.Ordinal)
            .Replace("      replicas: {min: 3, max: 8, initial: 4}\n      autoscale: {metric: running, target: 10}", "      replicas: {min: 2, max: 2, initial: 2}", StringComparison.Ordinal)
            .Replace("  bandwidthMbps: 200", "  bandwidthMbps: 200\n  oneWayDelay: 1.282s", StringComparison.Ordinal)
            .Replace("slo: {ttft: 2s, tpot: 100ms}", "slo: {ttft: 10s, tpot: 100ms}", StringComparison.Ordinal)
            .Replace("    requestBytes: 4Ki\n    replyBytes: 16Ki\n", "    requestBytes: 4Ki\n    replyBytes: 16Ki\n    tolerations:\n      - {key: latency, operator: Exists, effect: NoSchedule}\n", StringComparison.Ordinal), hours: 1);
        var metrics = new ScenarioSimulation(scenario).Run();
        var chat = metrics.Tenants.Single(t => t.Name == "chat");
        Assert.True(chat.Served > 1000, $"served {chat.Served}; failed: {string.Join("; ", chat.Failed.Select(f => $"{f.Value} {f.Key}"))}");
        output.WriteLine($"chat on the Moon: served {chat.Served}, TTFT p50 {chat.Serving!.TtftSeconds.P50:F3} s, min {chat.Serving.TtftCdf[0][0]:F3} s");
        Assert.True(chat.Served > 1000);
        Assert.True(chat.Serving.TtftCdf[0][0] >= 2 * 1.282, "no first token reaches Earth sooner than two light crossings");
        Assert.Equal(chat.Served, chat.ServedBySite["shackleton-rim"]);
    }
}
