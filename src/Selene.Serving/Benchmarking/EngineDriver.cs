using Selene.Serving.Engine;

namespace Selene.Serving.Benchmarking;

/// <summary>Runs one engine by itself, the way serving benchmarks load a server: open loop, closed loop or one batch.</summary>
public static class EngineDriver
{
    /// <summary>
    /// Open loop: each request is submitted at its <see cref="EngineRequest.ArrivalTime"/> (ascending), and the
    /// engine runs until every request has left it.
    /// </summary>
    public static void Replay(IServingEngine engine, IReadOnlyList<EngineRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(requests);
        foreach (var request in requests)
        {
            engine.Submit(request, request.ArrivalTime);
        }

        Drain(engine);
    }

    /// <summary>
    /// Closed loop: <paramref name="clients"/> clients each send a request, and the next as soon as the last has
    /// finished, until <paramref name="total"/> have been sent; <paramref name="next"/> makes each request.
    /// </summary>
    public static void ClosedLoop(IServingEngine engine, RequestLog log, int clients, int total, Func<int, double, EngineRequest> next)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(next);
        var sent = 0;
        var pending = new Queue<double>();
        log.OnFinished = (_, time) =>
        {
            if (sent < total)
            {
                pending.Enqueue(time);
            }
        };
        for (; sent < Math.Min(clients, total); sent++)
        {
            engine.Submit(next(sent, 0), 0);
        }

        while (!double.IsPositiveInfinity(engine.NextEventTime) || pending.Count > 0)
        {
            if (pending.Count > 0)
            {
                var at = pending.Dequeue();
                engine.Submit(next(sent++, at), at);
                continue;
            }

            engine.AdvanceTo(engine.NextEventTime);
        }

        log.OnFinished = null;
    }

    /// <summary>Runs the engine until it holds nothing.</summary>
    public static void Drain(IServingEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        while (!double.IsPositiveInfinity(engine.NextEventTime))
        {
            engine.AdvanceTo(engine.NextEventTime);
        }
    }
}
