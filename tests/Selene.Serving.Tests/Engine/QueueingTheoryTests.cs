using Selene.Serving.Engine;
using Selene.Serving.Hardware;
using Selene.Serving.Models;
using Selene.Serving.Performance;
using Xunit.Abstractions;

namespace Selene.Serving.Tests.Engine;

public sealed class QueueingTheoryTests(ITestOutputHelper output)
{
    /// <summary>
    /// With one sequence at a time, one-token prompts (no prefill cost) and a step time that does not depend on the
    /// context, a replica is an M/G/1 queue whose service time is (output tokens) × (step time): its mean time in
    /// system is the Pollaczek–Khinchine value E[S] + λE[S²] / (2(1 − ρ)). And the engine's own counts of waiting and
    /// running requests, integrated over time, equal throughput × mean time in system (Little's law).
    /// </summary>
    [Fact]
    public void One_sequence_at_a_time_is_an_MG1_queue()
    {
        // A model whose step costs the same at any context: one layer, a one-wide head, weights read each step.
        var flat = new ModelProfile("flat", ModelKind.Llm, 4e9, 1e6, 1, 1, 1, 1, 1, 0, 0, 0, WeightType.Bf16, 0, 0, "test");
        var model = new StepTimeModel(flat, GpuTable.Find("H100")!, 1, WeightType.Bf16, EngineProfiles.Vllm);
        var step = model.Seconds(BatchShape.Decodes(1, 0));
        var drift = model.Seconds(BatchShape.Decodes(1, 1000)) - step;
        Assert.True(drift < step * 1e-6, $"step time drifts {drift} s over 1000 tokens of context");

        var random = new Random(42);
        const int count = 300_000;
        const double meanOutput = 100.5;
        var lambda = 0.6 / (meanOutput * step);
        var observer = new Counter();
        var engine = new ContinuousBatchingEngine(model, new EngineConfig(2048, 1), observer);
        var requests = new List<EngineRequest>(count);
        double time = 0, s1 = 0, s2 = 0, area = 0, last = 0;
        void Integrate(double until)
        {
            area += (engine.Waiting + engine.Running) * (until - last);
            last = until;
        }

        for (var i = 0; i < count; i++)
        {
            time += -Math.Log(1 - random.NextDouble()) / lambda;
            var outputTokens = 1 + random.Next(200);
            var service = outputTokens * step;
            s1 += service;
            s2 += service * service;
            while (engine.NextEventTime <= time)
            {
                var at = engine.NextEventTime;
                Integrate(at);
                engine.AdvanceTo(at);
            }

            Integrate(time);
            var request = new EngineRequest(1, outputTokens, time);
            requests.Add(request);
            engine.Submit(request, time);
        }

        while (!double.IsPositiveInfinity(engine.NextEventTime))
        {
            var at = engine.NextEventTime;
            Integrate(at);
            engine.AdvanceTo(at);
        }

        var meanService = s1 / count;
        var rho = lambda * meanService;
        var pk = meanService + (lambda * (s2 / count) / (2 * (1 - rho)));
        var meanTime = requests.Average(r => r.FinishTime - r.ArrivalTime);
        output.WriteLine($"ρ {rho:F3}: mean time in system {meanTime:F4} s, Pollaczek–Khinchine {pk:F4} s, error {(meanTime / pk) - 1:+0.00%;-0.00%}");
        Assert.InRange(meanTime / pk, 0.98, 1.02);

        var span = requests.Max(r => r.FinishTime);
        var inSystem = area / span;
        var little = count / span * meanTime;
        output.WriteLine($"Little: mean in system {inSystem:F4}, throughput × mean time {little:F4}");
        Assert.Equal(1, inSystem / little, 0.01);
        Assert.Equal(count, observer.Finished);
    }

    private sealed class Counter : IEngineObserver
    {
        public int Finished { get; private set; }

        public void FirstToken(EngineRequest request, double time)
        {
        }

        void IEngineObserver.Finished(EngineRequest request, double time) => Finished++;

        public void Preempted(EngineRequest request, double time)
        {
        }

        public void Rejected(EngineRequest request, double time, string reason) => throw new InvalidOperationException(reason);
    }
}
