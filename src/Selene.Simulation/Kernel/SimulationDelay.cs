using System.Runtime.CompilerServices;

namespace Selene.Simulation.Kernel;

/// <summary>Awaitable returned by <see cref="SimulationKernel.Delay"/>; the continuation runs as a kernel event.</summary>
public readonly struct SimulationDelay
{
    private readonly SimulationKernel _kernel;
    private readonly double _seconds;

    internal SimulationDelay(SimulationKernel kernel, double seconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seconds);
        _kernel = kernel;
        _seconds = seconds;
    }

    /// <summary>Gets the awaiter.</summary>
    public Awaiter GetAwaiter() => new(_kernel, _seconds);

    /// <summary>Schedules the continuation on the kernel instead of running it now.</summary>
    public readonly struct Awaiter : ICriticalNotifyCompletion
    {
        private readonly SimulationKernel _kernel;
        private readonly double _seconds;

        internal Awaiter(SimulationKernel kernel, double seconds)
        {
            _kernel = kernel;
            _seconds = seconds;
        }

        /// <summary>Always false: even a zero delay yields to events already scheduled for now.</summary>
        public bool IsCompleted => false;

        /// <summary>Nothing to return.</summary>
        public void GetResult()
        {
        }

        /// <inheritdoc />
        public void OnCompleted(Action continuation) => _kernel.Schedule(_seconds, continuation);

        /// <inheritdoc />
        public void UnsafeOnCompleted(Action continuation) => _kernel.Schedule(_seconds, continuation);
    }
}
