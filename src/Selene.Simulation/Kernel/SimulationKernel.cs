using System.Runtime.ExceptionServices;

namespace Selene.Simulation.Kernel;

/// <summary>
/// The discrete-event kernel: simulated time in seconds, a queue of pending events ordered by
/// (time, insertion order), and nothing else. It never reads a clock; <see cref="TimeProvider"/> exposes
/// its time to code written against <see cref="System.TimeProvider"/>.
/// </summary>
public sealed class SimulationKernel
{
    private readonly EventQueue _queue = new();
    private long _nextSequence;
    private readonly SimulationSynchronizationContext _context;
    private ExceptionDispatchInfo? _processFailure;

    /// <summary>Creates a kernel whose time zero is <paramref name="epoch"/>.</summary>
    public SimulationKernel(DateTimeOffset epoch = default)
    {
        TimeProvider = new SimulatedTimeProvider(this, epoch);
        _context = new SimulationSynchronizationContext(this);
    }

    /// <summary>Current simulated time, in seconds since the epoch.</summary>
    public double Now { get; private set; }

    /// <summary>Events waiting, including cancelled ones not yet reached.</summary>
    public int Pending => _queue.Count;

    /// <summary>Events handled so far.</summary>
    public long EventsProcessed { get; private set; }

    /// <summary>The simulated clock as a <see cref="System.TimeProvider"/>, for timers, delays and timestamps.</summary>
    public SimulatedTimeProvider TimeProvider { get; }

    /// <summary>Schedules <paramref name="handler"/> after <paramref name="delaySeconds"/>; allocation-free.</summary>
    public void Schedule(double delaySeconds, IEventTarget handler, object? state = null) =>
        ScheduleAt(Now + delaySeconds, handler, state);

    /// <summary>Schedules <paramref name="handler"/> at absolute simulated time <paramref name="time"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The time is in the past or not a number.</exception>
    public void ScheduleAt(double time, IEventTarget handler, object? state = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (!(time >= Now))
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, $"cannot schedule before now ({Now} s)");
        }

        _queue.Enqueue(time, _nextSequence++, handler, state);
    }

    /// <summary>Schedules <paramref name="action"/> after <paramref name="delaySeconds"/>.</summary>
    public void Schedule(double delaySeconds, Action action) => Schedule(delaySeconds, ActionHandler.Instance, action);

    /// <summary>Schedules <paramref name="action"/> at absolute simulated time <paramref name="time"/>.</summary>
    public void ScheduleAt(double time, Action action) => ScheduleAt(time, ActionHandler.Instance, action);

    /// <summary>Schedules an event that can be cancelled before it fires.</summary>
    public ScheduledEvent ScheduleCancellable(double delaySeconds, IEventTarget handler, object? state = null)
    {
        var scheduled = new ScheduledEvent(Now + delaySeconds, handler);
        Schedule(delaySeconds, scheduled, state);
        return scheduled;
    }

    /// <summary>Schedules an action that can be cancelled before it fires.</summary>
    public ScheduledEvent ScheduleCancellable(double delaySeconds, Action action) =>
        ScheduleCancellable(delaySeconds, ActionHandler.Instance, action);

    /// <summary>
    /// Starts an async-style process at the current time. Inside it, <c>await kernel.Delay(s)</c> resumes
    /// after <c>s</c> simulated seconds; an exception it throws stops <see cref="Run"/> and is rethrown there.
    /// </summary>
    public Task Spawn(Func<Task> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var started = new TaskCompletionSource();
        Schedule(0, () => Observe(body(), started));
        return started.Task;
    }

    /// <summary>An awaitable that resumes the awaiting process after <paramref name="seconds"/> of simulated time.</summary>
    public SimulationDelay Delay(double seconds) => new(this, seconds);

    /// <summary>
    /// Handles events in order until none is left at or before <paramref name="until"/>, or until
    /// <paramref name="maxEvents"/> have been handled. When it stops for the time limit, the clock moves on to
    /// <paramref name="until"/> (when finite). Returns the number of events handled. While it runs, the
    /// thread's <see cref="SynchronizationContext"/> turns posted continuations into kernel events.
    /// </summary>
    public long Run(double until = double.PositiveInfinity, long maxEvents = long.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxEvents);
        var before = EventsProcessed;
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_context);
        try
        {
            var queue = _queue;
            var limit = before + maxEvents;
            while (queue.Count > 0 && queue.PeekTime <= until)
            {
                if (EventsProcessed == limit)
                {
                    return maxEvents;
                }

                var entry = queue.Dequeue();
                Now = entry.Time;
                EventsProcessed++;
                entry.Handler.Handle(entry.State);
                if (_processFailure is { } failure)
                {
                    _processFailure = null;
                    failure.Throw();
                }
            }
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        if (double.IsFinite(until) && until > Now)
        {
            Now = until;
        }

        return EventsProcessed - before;
    }

    /// <summary>Handles the next event, if any; returns false when none is pending.</summary>
    public bool Step() => Run(double.PositiveInfinity, 1) == 1;

    private void Observe(Task process, TaskCompletionSource completion)
    {
        if (process.IsCompleted)
        {
            Finish(process, completion);
            return;
        }

        process.ContinueWith(
            (t, s) =>
            {
                var (kernel, tcs) = ((SimulationKernel, TaskCompletionSource))s!;
                kernel.Finish(t, tcs);
            },
            (this, completion),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void Finish(Task process, TaskCompletionSource completion)
    {
        if (process.Exception?.InnerException is { } error)
        {
            _processFailure ??= ExceptionDispatchInfo.Capture(error);
            completion.TrySetException(error);
        }
        else if (process.IsCanceled)
        {
            completion.TrySetCanceled();
        }
        else
        {
            completion.TrySetResult();
        }
    }

    private sealed class ActionHandler : IEventTarget
    {
        public static readonly ActionHandler Instance = new();

        public void Handle(object? state) => ((Action)state!).Invoke();
    }
}
