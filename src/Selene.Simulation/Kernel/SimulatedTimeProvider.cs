namespace Selene.Simulation.Kernel;

/// <summary>
/// The kernel's clock as a <see cref="TimeProvider"/>: <see cref="GetUtcNow"/> is the epoch plus simulated
/// time, timestamps count simulated ticks, and timers are kernel events. Code written against
/// <see cref="TimeProvider"/> (timers, <c>Task.Delay(span, provider)</c>, Polly) runs unchanged in simulation.
/// </summary>
public sealed class SimulatedTimeProvider : TimeProvider
{
    private readonly SimulationKernel _kernel;
    private readonly DateTimeOffset _epoch;

    internal SimulatedTimeProvider(SimulationKernel kernel, DateTimeOffset epoch)
    {
        _kernel = kernel;
        _epoch = epoch;
    }

    /// <summary>Simulation time zero.</summary>
    public DateTimeOffset Epoch => _epoch;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _epoch.AddTicks(GetTimestamp());

    /// <inheritdoc />
    public override long GetTimestamp() => (long)Math.Round(_kernel.Now * TimeSpan.TicksPerSecond);

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return new SimulatedTimer(_kernel, callback, state, dueTime, period);
    }
}
