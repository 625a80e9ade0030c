namespace Selene.Serving.Engine;

/// <summary>
/// One replica's engine as an event source: requests are submitted at their arrival, the engine says when it next
/// has something to report, and the owner advances it to that time. Every report goes to the engine's
/// <see cref="IEngineObserver"/>.
/// </summary>
public interface IServingEngine
{
    /// <summary>The time of the engine's next change (a step or a span of steps ending); +∞ when idle.</summary>
    double NextEventTime { get; }

    /// <summary>Requests queued, not yet running.</summary>
    int Waiting { get; }

    /// <summary>Requests running (holding KV cache).</summary>
    int Running { get; }

    /// <summary>Share of the KV cache in use, 0…1.</summary>
    double KvCacheUsage { get; }

    /// <summary>Seconds the engine spent computing steps.</summary>
    double BusySeconds { get; }

    /// <summary>Steps computed, including those a span skipped over.</summary>
    long Steps { get; }

    /// <summary>Preemptions so far.</summary>
    long Preemptions { get; }

    /// <summary>Handles every step ending at or before <paramref name="now"/>.</summary>
    void AdvanceTo(double now);

    /// <summary>Queues <paramref name="request"/> at <paramref name="now"/> (advancing to it first).</summary>
    void Submit(EngineRequest request, double now);

    /// <summary>Stops the engine (its GPUs are gone) and hands back every request it held, running ones first.</summary>
    IReadOnlyList<EngineRequest> Abort();
}
