using Selene.Serving.Engine;
using Selene.Serving.Performance;

namespace Selene.Serving.Tests.Engine;

/// <summary>
/// The reference the event-skipping engine is checked against: vLLM V1's scheduler run one step at a time, written
/// from the rules alone (running first, preempt the newest on a cache miss, admit waiting only if nothing was
/// preempted, chunked prefill) and sharing no code with the engine but the step-time model. Arrivals at a step's
/// end wait for the step after (the step is formed first), as in the engine.
/// </summary>
public sealed class ReferenceStepEngine(StepTimeModel model, EngineConfig config)
{
    private readonly int _blocks = KvCachePlan.For(model, config).Blocks;

    /// <summary>Per request (by position): first-token time, finish time, preemptions; NaN for rejected ones.</summary>
    public (double First, double Finish, int Preemptions)[] Run(IReadOnlyList<(double Arrival, int Prompt, int Output)> requests, out long steps)
    {
        var n = requests.Count;
        var results = new (double First, double Finish, int Preemptions)[n];
        var computed = new int[n];
        var generated = new int[n];
        var blocks = new int[n];
        var running = new List<int>();
        var waiting = new LinkedList<int>();
        var free = _blocks;
        var size = config.BlockSize;
        var next = 0;
        var now = 0.0;
        steps = 0;
        for (var i = 0; i < n; i++)
        {
            results[i] = (double.NaN, double.NaN, 0);
        }

        int Known(int r) => requests[r].Prompt + generated[r];
        bool Allocate(int r, int tokens)
        {
            var need = ((tokens + size - 1) / size) - blocks[r];
            if (need <= 0)
            {
                return true;
            }

            if (need > free)
            {
                return false;
            }

            free -= need;
            blocks[r] += need;
            return true;
        }

        void Enqueue(int r)
        {
            if ((requests[r].Prompt + requests[r].Output + size - 1) / size > _blocks)
            {
                return;
            }

            waiting.AddLast(r);
        }

        while (true)
        {
            if (running.Count == 0 && waiting.Count == 0)
            {
                if (next == n)
                {
                    break;
                }

                now = requests[next].Arrival;
                Enqueue(next++);
            }

            var batch = new List<(int Request, int Tokens)>();
            for (var attempt = 0; attempt < 2 && batch.Count == 0; attempt++)
            {
                var budget = config.MaxNumBatchedTokens;
                var preempted = false;
                for (var i = 0; i < running.Count && budget > 0; i++)
                {
                    var r = running[i];
                    var tokens = Math.Min(Known(r) - computed[r], budget);
                    var scheduled = true;
                    while (!Allocate(r, computed[r] + tokens))
                    {
                        var victim = running[^1];
                        running.RemoveAt(running.Count - 1);
                        free += blocks[victim];
                        blocks[victim] = 0;
                        computed[victim] = 0;
                        results[victim].Preemptions++;
                        waiting.AddFirst(victim);
                        preempted = true;
                        if (victim == r)
                        {
                            scheduled = false;
                            break;
                        }
                    }

                    if (!scheduled)
                    {
                        break;
                    }

                    batch.Add((r, tokens));
                    budget -= tokens;
                }

                while (!preempted && waiting.Count > 0 && budget > 0 && running.Count < config.MaxNumSeqs)
                {
                    var r = waiting.First!.Value;
                    var tokens = Math.Min(Known(r) - computed[r], budget);
                    if (!Allocate(r, computed[r] + tokens))
                    {
                        break;
                    }

                    waiting.RemoveFirst();
                    running.Add(r);
                    batch.Add((r, tokens));
                    budget -= tokens;
                }
            }

            var shape = default(BatchShape);
            foreach (var (r, tokens) in batch)
            {
                shape += BatchShape.Chunk(tokens, computed[r]);
            }

            var end = now + model.Seconds(shape);
            steps++;
            while (next < n && requests[next].Arrival < end)
            {
                Enqueue(next++);
            }

            foreach (var (r, tokens) in batch)
            {
                computed[r] += tokens;
                if (computed[r] == Known(r))
                {
                    generated[r]++;
                    if (double.IsNaN(results[r].First))
                    {
                        results[r].First = end;
                    }

                    if (generated[r] == requests[r].Output)
                    {
                        results[r].Finish = end;
                        free += blocks[r];
                        blocks[r] = 0;
                    }
                }
            }

            running.RemoveAll(r => generated[r] == requests[r].Output);
            now = end;
        }

        return results;
    }
}
