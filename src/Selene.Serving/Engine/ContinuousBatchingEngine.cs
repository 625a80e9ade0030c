using Selene.Serving.Performance;

namespace Selene.Serving.Engine;

/// <summary>
/// One replica's LLM engine, scheduling as vLLM V1 does (shared reference, serving anchors §3). Each step hands out
/// at most <c>MaxNumBatchedTokens</c> tokens: running requests first, in the order they were admitted, each as many
/// of its remaining tokens as the budget allows (chunked prefill); when the KV cache cannot hold a running
/// request's new tokens, the newest running request is preempted (its cache dropped, to be recomputed) and put back
/// at the head of the queue, until the request fits or was itself the one preempted. Then, if nothing was
/// preempted, waiting requests are admitted in order while there is budget, a sequence slot and cache for their
/// first chunk. A step that computes a request's last known token samples its next one.
/// <para>
/// Events only where something changes: when a step is nothing but one decode token for every running request and
/// the queue cannot change the next step (it is empty, or blocked by sequences, budget or cache), the steps that
/// follow are the same but for one more token of context each. The engine then covers them as one span, in closed
/// form, up to the first departure, the first step whose blocks would not fit, or the first step boundary after an
/// arrival, whichever is first, and gives the same times as running step by step. Likewise while one long prompt is
/// prefilled in chunks beside decodes: each step gives every decode one token and the prompt the rest of the budget,
/// so nothing waiting can be admitted and an arrival changes nothing; those steps, up to the prompt's last chunk, the
/// first departure or the first step whose blocks would not fit, are one span too, each step timed as its own.
/// Within a span the readings a gateway scrapes (waiting, running, KV-cache use) stay as the span's first step left
/// them until the span ends.
/// </para>
/// </summary>
public sealed class ContinuousBatchingEngine : IServingEngine
{
    private readonly StepTimeModel _model;
    private readonly EngineConfig _config;
    private readonly IEngineObserver _observer;
    private readonly KvCachePlan _plan;
    private readonly List<EngineRequest> _running = [];
    private readonly RequestDeque _waiting = new();
    private readonly List<EngineRequest> _scheduled = [];
    private readonly List<int> _scheduledTokens = [];
    private readonly List<EngineRequest> _departing = [];
    private int _freeBlocks;
    private double _stepStart;
    private double _stepEnd = double.PositiveInfinity;
    private int _spanSteps;         // 0: a single step is in progress; ≥ 2: a span of steps
    private DecodeLine _spanLine;
    private EngineRequest? _spanPrefill; // the prompt a span of chunk steps prefills (null: a span of decodes)
    private int _spanChunk;

    /// <summary>Creates an idle engine for the replica <paramref name="model"/> describes.</summary>
    public ContinuousBatchingEngine(StepTimeModel model, EngineConfig config, IEngineObserver observer)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(observer);
        _model = model;
        _config = config;
        _observer = observer;
        _plan = KvCachePlan.For(model, config);
        _freeBlocks = _plan.Blocks;
    }

    /// <summary>The replica's KV cache.</summary>
    public KvCachePlan KvCache => _plan;

    /// <inheritdoc />
    public double NextEventTime => _stepEnd;

    /// <inheritdoc />
    public int Waiting => _waiting.Count;

    /// <inheritdoc />
    public int Running => _running.Count;

    /// <inheritdoc />
    public double KvCacheUsage => _plan.Blocks == 0 ? 0 : (_plan.Blocks - _freeBlocks) / (double)_plan.Blocks;

    /// <inheritdoc />
    public double BusySeconds { get; private set; }

    /// <inheritdoc />
    public long Steps { get; private set; }

    /// <inheritdoc />
    public long Preemptions { get; private set; }

    /// <summary>Kernel-visible changes: steps or spans completed (each a point where the engine's state was recomputed).</summary>
    public long Changes { get; private set; }

    /// <inheritdoc />
    public void Submit(EngineRequest request, double now)
    {
        ArgumentNullException.ThrowIfNull(request);
        AdvanceTo(now);
        if (_plan.BlocksFor(request.PromptTokens + request.OutputTokens) > _plan.Blocks)
        {
            _observer.Rejected(request, now, $"its prompt and output outgrow the replica's KV cache of {_plan.Tokens} tokens");
            return;
        }

        _waiting.AddLast(request);
        if (double.IsPositiveInfinity(_stepEnd))
        {
            FormStep(now);
        }
        else if (_spanSteps > 0 && _spanPrefill is null)
        {
            // The span ends at the first step boundary after the arrival: the next step may admit it.
            var steps = StepsEndingAfter(now);
            if (steps < _spanSteps)
            {
                _spanSteps = steps;
                _stepEnd = _stepStart + _spanLine.Seconds(steps);
            }
        }
    }

    /// <inheritdoc />
    public void AdvanceTo(double now)
    {
        while (_stepEnd <= now)
        {
            var end = _stepEnd;
            if (_spanSteps > 0)
            {
                EndSpan(end);
            }
            else
            {
                EndStep(end);
            }

            Changes++;
            FormStep(end);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<EngineRequest> Abort()
    {
        var held = new List<EngineRequest>(_running.Count + _waiting.Count);
        held.AddRange(_running);
        while (_waiting.Count > 0)
        {
            held.Add(_waiting.RemoveFirst());
        }

        foreach (var request in held)
        {
            request.Blocks = 0;
            request.ComputedTokens = 0;
        }

        _running.Clear();
        _scheduled.Clear();
        _scheduledTokens.Clear();
        _freeBlocks = _plan.Blocks;
        _spanSteps = 0;
        _stepEnd = double.PositiveInfinity;
        return held;
    }

    private void FormStep(double now)
    {
        _spanSteps = 0;
        _spanPrefill = null;
        if (_running.Count == 0 && _waiting.Count == 0)
        {
            _stepEnd = double.PositiveInfinity;
            return;
        }

        var blocked = Schedule(now);
        if (_scheduled.Count == 0)
        {
            // Everything running was preempted this step: the queue's head is admitted at once.
            blocked = Schedule(now);
        }

        if (_scheduled.Count == 0)
        {
            _stepEnd = double.PositiveInfinity;
            return;
        }

        _stepStart = now;
        var span = blocked != QueueBlock.Preempted && _scheduled.Count == _running.Count ? SpanLength() : 0;
        if (span >= 2)
        {
            long cached = 0;
            foreach (var request in _running)
            {
                cached += request.ComputedTokens;
            }

            _spanSteps = span;
            _spanLine = _model.Decodes(_running.Count, cached);
            _stepEnd = now + _spanLine.Seconds(span);
            return;
        }

        var chunks = blocked != QueueBlock.Preempted && _scheduled.Count == _running.Count ? ChunkSpanLength() : 0;
        if (chunks >= 2)
        {
            _spanSteps = chunks;
            _spanPrefill = _running[^1];
            _spanChunk = _scheduledTokens[^1];
            _stepEnd = ChunkSpanEnd(now, chunks);
            return;
        }

        var shape = default(BatchShape);
        for (var i = 0; i < _scheduled.Count; i++)
        {
            shape += BatchShape.Chunk(_scheduledTokens[i], _scheduled[i].ComputedTokens);
        }

        _stepEnd = now + _model.Seconds(shape);
    }

    /// <summary>Forms one step as vLLM V1's scheduler does; says why the queue stopped admitting.</summary>
    private QueueBlock Schedule(double now)
    {
        _scheduled.Clear();
        _scheduledTokens.Clear();
        var budget = _config.MaxNumBatchedTokens;
        var preempted = false;
        for (var i = 0; i < _running.Count && budget > 0; i++)
        {
            var request = _running[i];
            var tokens = Math.Min(request.KnownTokens - request.ComputedTokens, budget);
            var fits = true;
            while (!TryAllocate(request, request.ComputedTokens + tokens))
            {
                var victim = _running[^1];
                _running.RemoveAt(_running.Count - 1);
                Preempt(victim, now);
                preempted = true;
                if (victim == request)
                {
                    fits = false;
                    break;
                }
            }

            if (!fits)
            {
                break;
            }

            _scheduled.Add(request);
            _scheduledTokens.Add(tokens);
            budget -= tokens;
        }

        if (preempted)
        {
            return QueueBlock.Preempted;
        }

        while (_waiting.Count > 0)
        {
            if (budget <= 0)
            {
                return QueueBlock.Budget;
            }

            if (_running.Count >= _config.MaxNumSeqs)
            {
                return QueueBlock.Sequences;
            }

            var head = _waiting.PeekFirst();
            var tokens = Math.Min(head.KnownTokens - head.ComputedTokens, budget);
            if (!TryAllocate(head, head.ComputedTokens + tokens))
            {
                return QueueBlock.Cache;
            }

            _waiting.RemoveFirst();
            if (double.IsNaN(head.StartTime))
            {
                head.StartTime = now;
            }

            _running.Add(head);
            _scheduled.Add(head);
            _scheduledTokens.Add(tokens);
            budget -= tokens;
        }

        return QueueBlock.Empty;
    }

    // Steps the current one-token-each step can be repeated as it is: up to the first departure, and short of
    // the first step whose new blocks would not fit (that step must run the scheduler to preempt).
    private int SpanLength() => FittingSpan(int.MaxValue, prompt: null, chunk: 0);

    // Steps the current step can be repeated as it is when the newest running request is a prompt taking the rest of
    // the budget and every other is a decode: up to the prompt's last chunk (its step may admit waiting requests), the
    // first departure, and short of the first step whose new blocks would not fit.
    private int ChunkSpanLength()
    {
        var prompt = _running[^1];
        var chunk = _scheduledTokens[^1];
        return chunk != _config.MaxNumBatchedTokens - (_running.Count - 1) || prompt.GeneratedTokens > 0
            ? 0
            : FittingSpan((prompt.KnownTokens - prompt.ComputedTokens - 1) / chunk, prompt, chunk);
    }

    // At most `span` steps in which every running request but `prompt` decodes one token a step (0 when one does not):
    // up to the first departure, and short of the first step whose new blocks would not fit.
    private int FittingSpan(int span, EngineRequest? prompt, int chunk)
    {
        foreach (var request in _running)
        {
            if (request == prompt)
            {
                continue;
            }

            // A decode: one token to compute, and its first token already out (a one-token prompt is a prefill).
            if (request.KnownTokens - request.ComputedTokens != 1 || request.GeneratedTokens == 0)
            {
                return 0;
            }

            span = Math.Min(span, request.OutputTokens - request.GeneratedTokens);
        }

        if (span < 2 || ExtraBlocks(span - 1, prompt, chunk) <= _freeBlocks)
        {
            return span;
        }

        // ExtraBlocks grows with the step: find the first step, after this one, that does not fit.
        int fits = 0, doesNot = span - 1;
        while (doesNot - fits > 1)
        {
            var mid = fits + ((doesNot - fits) / 2);
            if (ExtraBlocks(mid, prompt, chunk) <= _freeBlocks)
            {
                fits = mid;
            }
            else
            {
                doesNot = mid;
            }
        }

        return doesNot;
    }

    // Blocks step j (0-based, j ≥ 1) of the span needs beyond what the running requests hold after step 0: one token
    // a step each, but `chunk` a step for the prompt a span of chunk steps prefills.
    private long ExtraBlocks(int step, EngineRequest? prompt, int chunk)
    {
        long extra = 0;
        var size = _plan.BlockSize;
        foreach (var request in _running)
        {
            var perStep = request == prompt ? chunk : 1;
            var need = ((request.ComputedTokens + ((step + 1) * perStep) + size - 1) / size) - request.Blocks;
            if (need > 0)
            {
                extra += need;
            }
        }

        return extra;
    }

    // The end of a span of chunk steps: each step timed as the step it is, one after another.
    private double ChunkSpanEnd(double now, int steps)
    {
        var end = now;
        for (var step = 0; step < steps; step++)
        {
            var shape = default(BatchShape);
            for (var i = 0; i < _running.Count; i++)
            {
                var tokens = _scheduledTokens[i];
                shape += BatchShape.Chunk(tokens, _running[i].ComputedTokens + (step * tokens));
            }

            end += _model.Seconds(shape);
        }

        return end;
    }

    // The fewest steps of the span after which a boundary lies strictly after `now`.
    private int StepsEndingAfter(double now)
    {
        int low = 1, high = _spanSteps;
        while (low < high)
        {
            var mid = low + ((high - low) / 2);
            if (_stepStart + _spanLine.Seconds(mid) > now)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        return low;
    }

    private void EndStep(double end)
    {
        BusySeconds += end - _stepStart;
        Steps++;
        for (var i = 0; i < _scheduled.Count; i++)
        {
            var request = _scheduled[i];
            request.ComputedTokens += _scheduledTokens[i];
            if (request.ComputedTokens == request.KnownTokens)
            {
                Sample(request, end);
            }
        }

        RemoveDeparted(end);
    }

    private void EndSpan(double end)
    {
        BusySeconds += end - _stepStart;
        var steps = _spanSteps;
        Steps += steps;
        var size = _plan.BlockSize;
        foreach (var request in _running)
        {
            var prompt = request == _spanPrefill;
            request.ComputedTokens += prompt ? steps * _spanChunk : steps;
            var blocks = (request.ComputedTokens + size - 1) / size;
            if (blocks > request.Blocks)
            {
                _freeBlocks -= blocks - request.Blocks;
                request.Blocks = blocks;
            }

            if (!prompt)
            {
                request.GeneratedTokens += steps - 1;
                Sample(request, end);
            }
        }

        RemoveDeparted(end);
    }

    private void Sample(EngineRequest request, double time)
    {
        request.GeneratedTokens++;
        if (double.IsNaN(request.FirstTokenTime))
        {
            request.FirstTokenTime = time;
            _observer.FirstToken(request, time);
        }

        if (request.GeneratedTokens >= request.OutputTokens)
        {
            _departing.Add(request);
        }
    }

    private void RemoveDeparted(double end)
    {
        if (_departing.Count == 0)
        {
            return;
        }

        foreach (var request in _departing)
        {
            _freeBlocks += request.Blocks;
            request.Blocks = 0;
            request.FinishTime = end;
        }

        _running.RemoveAll(r => r.GeneratedTokens >= r.OutputTokens);
        foreach (var request in _departing)
        {
            _observer.Finished(request, end);
        }

        _departing.Clear();
    }

    private bool TryAllocate(EngineRequest request, int tokens)
    {
        var need = ((tokens + _plan.BlockSize - 1) / _plan.BlockSize) - request.Blocks;
        if (need <= 0)
        {
            return true;
        }

        if (need > _freeBlocks)
        {
            return false;
        }

        _freeBlocks -= need;
        request.Blocks += need;
        return true;
    }

    private void Preempt(EngineRequest victim, double now)
    {
        _freeBlocks += victim.Blocks;
        victim.Blocks = 0;
        victim.ComputedTokens = 0;
        victim.Preemptions++;
        Preemptions++;
        _waiting.AddFirst(victim);
        _observer.Preempted(victim, now);
    }

    private enum QueueBlock
    {
        Empty,
        Budget,
        Sequences,
        Cache,
        Preempted,
    }
}
