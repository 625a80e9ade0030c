using Selene.Serving.Benchmarking;
using Selene.Serving.Engine;
using Selene.Serving.Hardware;
using Selene.Serving.Models;
using Selene.Serving.Performance;
using Xunit.Abstractions;

namespace Selene.Serving.Tests.Engine;

/// <summary>
/// The engine creates events only where something changes; between them it covers runs of identical decode steps in
/// closed form. It must give every request the same times as running the scheduler step by step.
/// </summary>
public sealed class EventSkippingTests(ITestOutputHelper output)
{
    public static TheoryData<string, int, int, double> Workloads => new()
    {
        // name, KV blocks (0: the GPU's own), max batched tokens, rate (requests/s)
        { "roomy cache, light load", 0, 2048, 2 },
        { "roomy cache, saturated", 0, 2048, 40 },
        { "chunked prefill", 0, 256, 20 },
        { "KV pressure, preemption", 600, 2048, 30 },
        { "KV pressure and chunks", 400, 128, 30 },
    };

    [Theory]
    [MemberData(nameof(Workloads))]
    public void Same_times_as_the_per_step_reference(string name, int kvBlocks, int batchedTokens, double rate)
    {
        for (var seed = 1; seed <= 4; seed++)
        {
            var model = kvBlocks > 0
                ? TestReplicas.SmallGpu(kvBlocks)
                : new StepTimeModel(ModelTable.Find("llama-3.1-8b")!, GpuTable.Find("L40S")!, 1, WeightType.Bf16, EngineProfiles.Vllm);
            var config = new EngineConfig(batchedTokens, 64);
            var workload = TestReplicas.Workload(seed, 300, rate, 3000, 600);
            var expected = new ReferenceStepEngine(model, config).Run(workload, out var referenceSteps);

            var log = new RequestLog();
            var engine = new ContinuousBatchingEngine(model, config, log);
            var requests = workload.Select((w, i) => new EngineRequest(w.Prompt, w.Output, w.Arrival, i)).ToList();
            EngineDriver.Replay(engine, requests);

            var preemptions = 0;
            foreach (var request in requests)
            {
                var (first, finish, preempted) = expected[(int)request.Tag!];
                if (double.IsNaN(finish))
                {
                    Assert.True(double.IsNaN(request.FinishTime));
                    continue;
                }

                Assert.Equal(first, request.FirstTokenTime, 1e-9);
                Assert.Equal(finish, request.FinishTime, 1e-9);
                Assert.Equal(preempted, request.Preemptions);
                preemptions += preempted;
            }

            Assert.Equal(referenceSteps, engine.Steps);
            output.WriteLine($"{name}, seed {seed}: {referenceSteps} steps, {engine.Changes} changes, {preemptions} preemptions, {log.RejectedCount} rejected");
            if (kvBlocks > 0)
            {
                Assert.True(preemptions > 0, "the workload was meant to run the cache out");
            }
        }
    }
}
