using System.Diagnostics;
using System.Globalization;
using System.Text;
using Selene.Serving.Benchmarking;
using Selene.Serving.Engine;
using Selene.Serving.Hardware;
using Selene.Serving.Models;
using Selene.Serving.Performance;
using Selene.Serving.Tests.Engine;
using Selene.Serving.Traces;
using Selene.Simulation;
using Selene.Simulation.Scenarios;

namespace Selene.Benchmarks;

/// <summary>The serving benchmarks: event skipping against stepping, and the twin replaying a trace at scale.</summary>
internal static class ServingWorkloads
{
    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// The conv trace at <paramref name="scale"/> times its rate over <paramref name="replicas"/> replicas
    /// (llama-3.1-8b on an H100 each, vLLM's defaults; requests dealt round-robin), by the per-step reference and by
    /// the event-skipping engine, side by side; checks that every request's times agree and prints both wall times
    /// and their ratio.
    /// </summary>
    public static void EngineSkip(double scale, int replicas)
    {
        var trace = TraceReader.Load("azure-conv-2023", ".");
        var model = new StepTimeModel(ModelTable.Find("llama-3.1-8b")!, GpuTable.Find("H100")!, 1, WeightType.Bf16, EngineProfiles.Vllm);
        var config = EngineConfig.DefaultFor(model.Gpu);
        var shares = Enumerable.Range(0, replicas)
            .Select(r => Enumerable.Range(0, trace.Count).Where(i => i % replicas == r).Select(i => (trace.Offsets[i] / scale, trace.Prompts[i], trace.Outputs[i])).ToList())
            .ToList();

        var clock = Stopwatch.StartNew();
        long steps = 0;
        var expected = shares.Select(share =>
        {
            var result = new ReferenceStepEngine(model, config).Run(share, out var replicaSteps);
            steps += replicaSteps;
            return result;
        }).ToList();
        var stepping = clock.Elapsed.TotalSeconds;

        var best = double.MaxValue;
        long changes = 0;
        var worst = 0.0;
        for (var run = 0; run < 5; run++)
        {
            changes = 0;
            var served = new List<List<EngineRequest>>();
            clock.Restart();
            foreach (var share in shares)
            {
                var engine = new ContinuousBatchingEngine(model, config, new RequestLog());
                var requests = share.Select(w => new EngineRequest(w.Item2, w.Item3, w.Item1)).ToList();
                EngineDriver.Replay(engine, requests);
                changes += engine.Changes;
                served.Add(requests);
            }

            best = Math.Min(best, clock.Elapsed.TotalSeconds);
            worst = served.SelectMany((requests, r) => requests.Select((q, i) =>
                Math.Max(Math.Abs(q.FinishTime - expected[r][i].Finish), Math.Abs(q.FirstTokenTime - expected[r][i].First)))).Max();
        }

        Console.WriteLine(string.Create(s_invariant,
            $"engine-skip requests={trace.Count} scale={scale} replicas={replicas} steps={steps} changes={changes} per_step_seconds={stepping:0.000} skipping_seconds={best:0.0000} ratio={stepping / best:0.0} max_time_difference={worst:E2}"));
    }

    /// <summary>
    /// The twin replaying the conv trace looped for <paramref name="hours"/> at <paramref name="rate"/> requests a
    /// second over <paramref name="nodes"/> nodes of 8 H100s (one llama-3.1-8b replica a GPU at most); prints
    /// simulated requests per wall second and the peak working set.
    /// </summary>
    public static void TraceReplay(double hours, double rate, int nodes)
    {
        var trace = TraceReader.Load("azure-conv-2023", ".");
        var yaml = Scenario(hours, rate / trace.MeanRatePerSecond);
        var manifest = Manifest(nodes);
        var clock = Stopwatch.StartNew();
        var scenario = ScenarioLoader.Parse(yaml, "trace-replay.yaml", _ => (manifest, "nodes.yaml"));
        var metrics = new ScenarioSimulation(scenario).Run();
        var seconds = clock.Elapsed.TotalSeconds;
        var chat = metrics.Tenants[0];
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        Console.WriteLine(string.Create(s_invariant,
            $"trace-replay hours={hours} rate={rate} nodes={nodes} arrived={chat.Arrived} served={chat.Served} replicas_max={chat.Serving!.ReplicasMax} goodput={chat.Goodput:0.0000} events={metrics.Kernel.Events} seconds={seconds:0.00} requests_per_second={chat.Arrived / seconds:0} peak_working_set_mib={peak / 1048576.0:0}"));
    }

    private static string Scenario(double hours, double rateScale) => string.Create(s_invariant, $"""
        name: trace-replay
        seed: 1
        duration: {hours}h
        gpuTypes:
          - name: H100
            product: NVIDIA-H100-80GB-HBM3
        sites:
          - name: ashburn
            location: earth
            latitude: 39.04
            longitude: -77.49
        nodes:
          - manifest: nodes.yaml
            site: ashburn
        link:
          name: none
          bandwidthMbps: 200
          lossProbability: 0
          oneWayDelay: 1s
        tenants:
          - name: chat
            class: interactive
            priority: 100
            slo: {"{"}ttft: 2s, tpot: 100ms{"}"}
            arrivals:
              trace: azure-conv-2023
              loop: true
              rateScale: {rateScale:R}
            serving:
              model: llama-3.1-8b
        """);

    private static string Manifest(int nodes)
    {
        var text = new StringBuilder();
        for (var i = 1; i <= nodes; i++)
        {
            text.Append(s_invariant, $"""
                apiVersion: v1
                kind: Node
                metadata:
                  name: gpu-{i:00}
                  labels:
                    nvidia.com/gpu.product: NVIDIA-H100-80GB-HBM3
                status:
                  capacity:
                    cpu: "128"
                    memory: 2Ti
                    nvidia.com/gpu: "8"
                  allocatable:
                    cpu: "128"
                    memory: 2Ti
                    nvidia.com/gpu: "8"
                ---

                """);
        }

        return text.ToString();
    }
}
