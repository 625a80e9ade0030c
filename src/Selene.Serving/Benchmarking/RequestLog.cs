using Selene.Serving.Engine;

namespace Selene.Serving.Benchmarking;

/// <summary>An <see cref="IEngineObserver"/> that keeps every finished request, and counts the rest.</summary>
public sealed class RequestLog : IEngineObserver
{
    private readonly List<EngineRequest> _finished = [];

    /// <summary>Called with each request as it finishes, after it is logged.</summary>
    public Action<EngineRequest, double>? OnFinished { get; set; }

    /// <summary>Finished requests in the order they finished.</summary>
    public IReadOnlyList<EngineRequest> Finished => _finished;

    /// <summary>Requests the engine refused (too long for its KV cache).</summary>
    public int RejectedCount { get; private set; }

    /// <summary>Preemptions seen.</summary>
    public long Preemptions { get; private set; }

    /// <inheritdoc />
    public void FirstToken(EngineRequest request, double time)
    {
    }

    void IEngineObserver.Finished(EngineRequest request, double time)
    {
        _finished.Add(request);
        OnFinished?.Invoke(request, time);
    }

    /// <inheritdoc />
    public void Preempted(EngineRequest request, double time) => Preemptions++;

    /// <inheritdoc />
    public void Rejected(EngineRequest request, double time, string reason) => RejectedCount++;
}
