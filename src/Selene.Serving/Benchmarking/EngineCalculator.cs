using Selene.Serving.Engine;
using Selene.Serving.Hardware;
using Selene.Serving.Performance;
using Selene.Serving.Traces;

namespace Selene.Serving.Benchmarking;

/// <summary>
/// The performance model as a calculator, the way serving benchmarks load a server: one static batch, or a closed
/// loop of clients run to a steady state; and with a trace and objectives, the highest rate one replica sustains
/// within them, found by running the engine at each rate (bisection), not by formula.
/// </summary>
public static class EngineCalculator
{
    /// <summary>Share of requests that must meet every objective for a rate to count as sustained.</summary>
    public const double RequiredGoodput = 0.99;

    /// <summary>Runs <paramref name="clients"/> requests as one batch, or as a closed loop of that many clients.</summary>
    public static EngineReport Run(StepTimeModel model, EngineConfig config, int prompt, int output, int clients, bool closedLoop)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(config);
        var log = new RequestLog();
        var engine = new ContinuousBatchingEngine(model, config, log);
        IReadOnlyList<EngineRequest> measured;
        double span;
        if (closedLoop)
        {
            // Warm up for ten rounds of the clients, measure twenty, and leave out the drain at the end.
            var total = clients * 31;
            EngineDriver.ClosedLoop(engine, log, clients, total, (_, at) => new EngineRequest(prompt, output, at));
            measured = log.Finished.Skip(clients * 10).Take(clients * 20).ToList();
            span = measured.Count == 0 ? 0 : measured[^1].FinishTime - log.Finished[(clients * 10) - 1].FinishTime;
        }
        else
        {
            EngineDriver.Replay(engine, Enumerable.Range(0, clients).Select(_ => new EngineRequest(prompt, output)).ToList());
            measured = log.Finished;
            span = measured.Count == 0 ? 0 : measured.Max(r => r.FinishTime);
        }

        if (log.RejectedCount > 0 || measured.Count == 0)
        {
            throw new ArgumentException($"a request of {prompt} + {output} tokens does not fit the replica's KV cache of {engine.KvCache.Tokens} tokens");
        }

        var batch = Math.Min(clients, config.MaxNumSeqs);
        return new EngineReport(
            model.Model.Name, model.Gpu.Name, model.TensorParallel, model.Weights.Name(), model.Engine.Name,
            closedLoop ? "concurrency" : "batch", clients, prompt, output,
            measured.Average(r => r.FirstTokenTime - r.ArrivalTime),
            measured.Average(r => r.TimePerOutputToken),
            measured.Average(r => r.FinishTime - r.ArrivalTime),
            span > 0 ? measured.Count * (double)output / span : 0,
            span > 0 ? measured.Count / span : 0,
            engine.KvCache.SequencesOf(prompt + output),
            engine.KvCache.Tokens,
            config.MaxNumBatchedTokens,
            config.MaxNumSeqs,
            model.Bound(BatchShape.Chunk(Math.Min(prompt, config.MaxNumBatchedTokens), 0)).ToString().ToLowerInvariant(),
            model.Bound(BatchShape.Decodes(batch, batch * (prompt + (output / 2.0)))).ToString().ToLowerInvariant(),
            engine.Preemptions);
    }

    /// <summary>
    /// The highest rate at which a replica serves <paramref name="trace"/> (its arrivals compressed or stretched)
    /// with at least <see cref="RequiredGoodput"/> of requests within both objectives; the rate is found to 1%.
    /// </summary>
    public static CapacityResult Capacity(StepTimeModel model, EngineConfig config, LlmTrace trace, double ttft, double tpot)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var runs = 0;
        double Goodput(double scale)
        {
            runs++;
            var log = new RequestLog();
            var engine = new ContinuousBatchingEngine(model, config, log);
            var requests = new List<EngineRequest>(trace.Count);
            for (var i = 0; i < trace.Count; i++)
            {
                requests.Add(new EngineRequest(trace.Prompts[i], trace.Outputs[i], trace.Offsets[i] / scale));
            }

            EngineDriver.Replay(engine, requests);
            var met = log.Finished.Count(r => r.FirstTokenTime - r.ArrivalTime <= ttft && r.TimePerOutputToken <= tpot);
            return met / (double)trace.Count;
        }

        double low = 0, high = 1, goodputAtLow = 1;
        while (Goodput(high) is var g && g >= RequiredGoodput)
        {
            (low, goodputAtLow) = (high, g);
            high *= 2;
            if (high > 1e6)
            {
                break;
            }
        }

        while (high - low > 0.01 * high)
        {
            var mid = (low + high) / 2;
            var g = Goodput(mid);
            if (g >= RequiredGoodput)
            {
                (low, goodputAtLow) = (mid, g);
            }
            else
            {
                high = mid;
            }
        }

        return new CapacityResult(trace.Name, ttft, tpot, RequiredGoodput, low * trace.MeanRatePerSecond, low, goodputAtLow, runs);
    }
}
