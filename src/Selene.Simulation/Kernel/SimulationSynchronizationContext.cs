namespace Selene.Simulation.Kernel;

/// <summary>
/// Installed while the kernel runs, so that continuations posted by awaited work (a <see cref="PeriodicTimer"/>
/// on the simulated clock, a channel, a semaphore) come back as kernel events at the current simulated time,
/// in posting order, on the kernel's thread, instead of on the thread pool at a moment nobody chose.
/// </summary>
internal sealed class SimulationSynchronizationContext(SimulationKernel kernel) : SynchronizationContext
{
    public override void Post(SendOrPostCallback d, object? state) =>
        kernel.Schedule(0, PostedCallback.Instance, new PostedWork(d, state));

    public override void Send(SendOrPostCallback d, object? state) => d(state);

    public override SynchronizationContext CreateCopy() => this;

    private sealed record PostedWork(SendOrPostCallback Callback, object? State);

    private sealed class PostedCallback : IEventTarget
    {
        public static readonly PostedCallback Instance = new();

        public void Handle(object? state)
        {
            var work = (PostedWork)state!;
            work.Callback(work.State);
        }
    }
}
