namespace Selene.Simulation.Randomness;

/// <summary>Intervals whose starts form a Poisson process: solar storms, link outages, a receiver's downtime.</summary>
internal static class PoissonIntervals
{
    /// <summary>
    /// Intervals starting at <paramref name="ratePerSecond"/> before <paramref name="endSeconds"/>, each as long as
    /// <paramref name="length"/> draws (from the same stream, right after its start).
    /// </summary>
    public static List<(double Start, double End)> Draw(RandomSource stream, double ratePerSecond, double endSeconds, Func<RandomSource, double> length)
    {
        var intervals = new List<(double Start, double End)>();
        for (var t = ratePerSecond > 0 ? stream.NextStandardExponential() / ratePerSecond : double.PositiveInfinity; t < endSeconds; t += stream.NextStandardExponential() / ratePerSecond)
        {
            intervals.Add((t, t + length(stream)));
        }

        return intervals;
    }

    /// <summary>Outages of <paramref name="spec"/> over a run: exponential lengths about the mean.</summary>
    public static List<(double Start, double End)> Draw(RandomSource stream, Scenarios.OutageSpec spec, double endSeconds) =>
        spec.PerDay > 0 && spec.MeanDurationSeconds > 0
            ? Draw(stream, spec.PerDay / 86_400, endSeconds, s => s.NextStandardExponential() * spec.MeanDurationSeconds)
            : [];
}
