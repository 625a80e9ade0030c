namespace Selene.Serving.Engine;

/// <summary>
/// One replica of a server that takes whole requests one at a time (a detector, a classifier, a split model's
/// suffix): first come, first served, each for a service time drawn when it starts. Its capacity in use, reported
/// where an LLM engine reports its KV cache, is its one request slot, so a gateway's saturation detector sees a busy
/// replica as full and holds the next request for the first replica free: replicas behind a gateway are then one
/// multi-server queue.
/// </summary>
public sealed class WholeRequestEngine : IServingEngine
{
    private readonly Func<double> _serviceSeconds;
    private readonly IEngineObserver _observer;
    private readonly RequestDeque _waiting = new();
    private EngineRequest? _current;
    private double _started;

    /// <summary>Creates an idle engine whose service times <paramref name="serviceSeconds"/> draws, one per request as it starts.</summary>
    public WholeRequestEngine(Func<double> serviceSeconds, IEngineObserver observer)
    {
        ArgumentNullException.ThrowIfNull(serviceSeconds);
        ArgumentNullException.ThrowIfNull(observer);
        _serviceSeconds = serviceSeconds;
        _observer = observer;
    }

    /// <inheritdoc />
    public double NextEventTime { get; private set; } = double.PositiveInfinity;

    /// <inheritdoc />
    public int Waiting => _waiting.Count;

    /// <inheritdoc />
    public int Running => _current is null ? 0 : 1;

    /// <inheritdoc />
    public double KvCacheUsage => Running;

    /// <inheritdoc />
    public double BusySeconds { get; private set; }

    /// <inheritdoc />
    public long Steps { get; private set; }

    /// <inheritdoc />
    public long Preemptions => 0;

    /// <inheritdoc />
    public void Submit(EngineRequest request, double now)
    {
        ArgumentNullException.ThrowIfNull(request);
        AdvanceTo(now);
        _waiting.AddLast(request);
        if (_current is null)
        {
            StartNext(now);
        }
    }

    /// <inheritdoc />
    public void AdvanceTo(double now)
    {
        while (NextEventTime <= now)
        {
            var end = NextEventTime;
            var done = _current!;
            BusySeconds += end - _started;
            Steps++;
            done.GeneratedTokens = done.OutputTokens;
            done.FirstTokenTime = end;
            done.FinishTime = end;
            _current = null;
            NextEventTime = double.PositiveInfinity;
            _observer.FirstToken(done, end);
            _observer.Finished(done, end);
            StartNext(end);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<EngineRequest> Abort()
    {
        var held = new List<EngineRequest>(_waiting.Count + 1);
        if (_current is not null)
        {
            held.Add(_current);
        }

        while (_waiting.Count > 0)
        {
            held.Add(_waiting.RemoveFirst());
        }

        _current = null;
        NextEventTime = double.PositiveInfinity;
        return held;
    }

    private void StartNext(double now)
    {
        if (_waiting.Count == 0)
        {
            return;
        }

        _current = _waiting.RemoveFirst();
        _current.StartTime = now;
        _started = now;
        NextEventTime = now + _serviceSeconds();
    }
}
