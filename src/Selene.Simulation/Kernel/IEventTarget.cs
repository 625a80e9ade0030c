namespace Selene.Simulation.Kernel;

/// <summary>
/// Receives a scheduled event. Hot paths implement this on a long-lived object and pass per-event data
/// as the state argument, so scheduling allocates nothing.
/// </summary>
public interface IEventTarget
{
    /// <summary>Called by the kernel when the event's time comes; <see cref="SimulationKernel.Now"/> is that time.</summary>
    void Handle(object? state);
}
