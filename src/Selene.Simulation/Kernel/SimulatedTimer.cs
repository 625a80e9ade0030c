namespace Selene.Simulation.Kernel;

/// <summary>A <see cref="ITimer"/> whose ticks are kernel events.</summary>
internal sealed class SimulatedTimer : ITimer, IEventTarget
{
    private readonly SimulationKernel _kernel;
    private readonly TimerCallback _callback;
    private readonly object? _state;
    private ScheduledEvent? _next;
    private TimeSpan _period;
    private bool _disposed;

    public SimulatedTimer(SimulationKernel kernel, TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _kernel = kernel;
        _callback = callback;
        _state = state;
        Change(dueTime, period);
    }

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        if (_disposed)
        {
            return false;
        }

        _next?.Cancel();
        _next = null;
        _period = period;
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _next = _kernel.ScheduleCancellable(Math.Max(0, dueTime.TotalSeconds), this);
        }

        return true;
    }

    public void Handle(object? state)
    {
        _next = null;
        if (_period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan)
        {
            _next = _kernel.ScheduleCancellable(_period.TotalSeconds, this);
        }

        _callback(_state);
    }

    public void Dispose()
    {
        _disposed = true;
        _next?.Cancel();
        _next = null;
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
