namespace Selene.Inference.Runtime;

/// <summary>
/// One direction of an emulated link: bundles leave one after another at the link's bandwidth, arrive the delay
/// later, and each is lost with the link's loss rate (from a seeded stream, so a run can be repeated).
/// </summary>
public sealed class LinkEmulator(double oneWayDelaySeconds, double bitsPerSecond, double lossRate, int seed, TimeProvider? time = null)
{
    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private long _busyUntilTicks;

    /// <summary>Bundles offered.</summary>
    public int Sent { get; private set; }

    /// <summary>Bundles lost.</summary>
    public int Lost { get; private set; }

    /// <summary>Bytes offered.</summary>
    public long Bytes { get; private set; }

    /// <summary>
    /// Hands <paramref name="bundle"/> to <paramref name="deliver"/> when it arrives, or never when it is lost;
    /// returns at once unless it arrives at once.
    /// </summary>
    public void Send(Bundle bundle, Action<Bundle> deliver)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(deliver);
        TimeSpan wait;
        bool lost;
        lock (_gate)
        {
            var now = _time.GetUtcNow().UtcTicks;
            var transmit = double.IsPositiveInfinity(bitsPerSecond) ? 0 : (long)(bundle.Length * 8 / bitsPerSecond * TimeSpan.TicksPerSecond);
            _busyUntilTicks = Math.Max(_busyUntilTicks, now) + transmit;
            wait = TimeSpan.FromTicks(_busyUntilTicks - now) + TimeSpan.FromSeconds(oneWayDelaySeconds);
            lost = lossRate > 0 && _random.NextDouble() < lossRate;
            Sent++;
            Bytes += bundle.Length;
            Lost += lost ? 1 : 0;
        }

        if (lost)
        {
            return;
        }

        if (wait <= TimeSpan.Zero)
        {
            // A link with no delay and no queue hands the bundle over at once, on the sender's thread.
            deliver(bundle);
            return;
        }

        _ = Task.Delay(wait, _time).ContinueWith(_ => deliver(bundle), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
