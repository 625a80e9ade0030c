namespace Selene.Simulation.Kernel;

/// <summary>A pending event that can still be cancelled; returned by <c>SimulationKernel.ScheduleCancellable</c>.</summary>
public sealed class ScheduledEvent : IEventTarget
{
    private readonly IEventTarget _handler;

    internal ScheduledEvent(double time, IEventTarget handler)
    {
        Time = time;
        _handler = handler;
    }

    /// <summary>Simulated time, in seconds, at which the event fires.</summary>
    public double Time { get; }

    /// <summary>True once <see cref="Cancel"/> has been called before the event fired.</summary>
    public bool IsCancelled { get; private set; }

    /// <summary>True once the event has fired.</summary>
    public bool HasFired { get; private set; }

    /// <summary>Cancels the event; returns false when it already fired or was already cancelled.</summary>
    public bool Cancel()
    {
        if (HasFired || IsCancelled)
        {
            return false;
        }

        IsCancelled = true;
        return true;
    }

    void IEventTarget.Handle(object? state)
    {
        if (IsCancelled)
        {
            return;
        }

        HasFired = true;
        _handler.Handle(state);
    }
}
