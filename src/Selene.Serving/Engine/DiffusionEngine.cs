using Selene.Serving.Performance;

namespace Selene.Serving.Engine;

/// <summary>
/// One replica of a diffusion model: whole requests in batches of up to <c>MaxBatchImages</c>, each batch run
/// through the model's fixed number of denoising steps at a step time that depends on the batch's size; nothing
/// joins a batch once it has started (shared reference, serving anchors §7). A request's image is its one output:
/// its first token and its finish are the batch's end.
/// </summary>
public sealed class DiffusionEngine : IServingEngine
{
    private readonly StepTimeModel _model;
    private readonly EngineConfig _config;
    private readonly IEngineObserver _observer;
    private readonly RequestDeque _waiting = new();
    private readonly List<EngineRequest> _batch = [];
    private double _batchStart;

    /// <summary>Creates an idle engine.</summary>
    public DiffusionEngine(StepTimeModel model, EngineConfig config, IEngineObserver observer)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(observer);
        _model = model;
        _config = config;
        _observer = observer;
    }

    /// <inheritdoc />
    public double NextEventTime { get; private set; } = double.PositiveInfinity;

    /// <inheritdoc />
    public int Waiting => _waiting.Count;

    /// <inheritdoc />
    public int Running => _batch.Count;

    /// <inheritdoc />
    public double KvCacheUsage => _batch.Count / (double)_config.MaxBatchImages;

    /// <inheritdoc />
    public double BusySeconds { get; private set; }

    /// <inheritdoc />
    public long Steps { get; private set; }

    /// <inheritdoc />
    public long Preemptions => 0;

    /// <summary>Seconds one batch of <paramref name="images"/> takes, every step together.</summary>
    public double BatchSeconds(int images) => _model.Model.Steps * _model.DiffusionStepSeconds(images);

    /// <inheritdoc />
    public void Submit(EngineRequest request, double now)
    {
        ArgumentNullException.ThrowIfNull(request);
        AdvanceTo(now);
        _waiting.AddLast(request);
        if (_batch.Count == 0)
        {
            StartBatch(now);
        }
    }

    /// <inheritdoc />
    public void AdvanceTo(double now)
    {
        while (NextEventTime <= now)
        {
            var end = NextEventTime;
            BusySeconds += end - _batchStart;
            Steps += _model.Model.Steps;
            foreach (var request in _batch)
            {
                request.GeneratedTokens = request.OutputTokens;
                request.FirstTokenTime = end;
                request.FinishTime = end;
                _observer.FirstToken(request, end);
            }

            foreach (var request in _batch)
            {
                _observer.Finished(request, end);
            }

            _batch.Clear();
            NextEventTime = double.PositiveInfinity;
            StartBatch(end);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<EngineRequest> Abort()
    {
        var held = new List<EngineRequest>(_batch);
        while (_waiting.Count > 0)
        {
            held.Add(_waiting.RemoveFirst());
        }

        _batch.Clear();
        NextEventTime = double.PositiveInfinity;
        return held;
    }

    private void StartBatch(double now)
    {
        while (_waiting.Count > 0 && _batch.Count < _config.MaxBatchImages)
        {
            var next = _waiting.RemoveFirst();
            next.StartTime = now;
            _batch.Add(next);
        }

        if (_batch.Count > 0)
        {
            _batchStart = now;
            NextEventTime = now + BatchSeconds(_batch.Count);
        }
    }
}
