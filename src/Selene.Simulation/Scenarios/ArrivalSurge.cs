namespace Selene.Simulation.Scenarios;

/// <summary>A while when a tenant's arrivals come <paramref name="Factor"/> times as fast (a step load, a launch-day rush).</summary>
/// <param name="StartSeconds">When it begins.</param>
/// <param name="DurationSeconds">How long it lasts.</param>
/// <param name="Factor">The rate multiplier, above 0.</param>
public sealed record ArrivalSurge(double StartSeconds, double DurationSeconds, double Factor)
{
    /// <summary>
    /// The time at which <paramref name="nominalSeconds"/> of arrival-process time have passed after
    /// <paramref name="from"/>, the process running <see cref="Factor"/> times as fast inside each surge: the surges
    /// warp time, so a Poisson process or a replayed trace keeps its shape at the higher rate.
    /// </summary>
    public static double Advance(IReadOnlyList<ArrivalSurge> surges, double from, double nominalSeconds)
    {
        ArgumentNullException.ThrowIfNull(surges);
        var time = from;
        var left = nominalSeconds;
        while (true)
        {
            // The surge in force at `time` (the last one listed wins where they overlap) and the next boundary.
            var factor = 1.0;
            var boundary = double.PositiveInfinity;
            foreach (var surge in surges)
            {
                var end = surge.StartSeconds + surge.DurationSeconds;
                if (time >= surge.StartSeconds && time < end)
                {
                    factor = surge.Factor;
                    boundary = Math.Min(boundary, end);
                }
                else if (surge.StartSeconds > time)
                {
                    boundary = Math.Min(boundary, surge.StartSeconds);
                }
            }

            var span = (boundary - time) * factor;
            if (left <= span || double.IsPositiveInfinity(boundary))
            {
                return time + (left / factor);
            }

            left -= span;
            time = boundary;
        }
    }
}
