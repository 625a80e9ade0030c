using HdrHistogram;

namespace Selene.Simulation.Metrics;

/// <summary>
/// Latency distribution of one tenant: an HdrHistogram (microseconds, 3 significant digits) for percentiles
/// and the CDF, plus exact sums for means, which the histogram would round.
/// </summary>
internal sealed class LatencyRecorder
{
    private const long MicrosecondsPerSecond = 1_000_000;

    // One year in microseconds: no reply in any scenario comes later than that.
    private const long HighestMicroseconds = 365L * 86_400 * MicrosecondsPerSecond;

    private readonly LongHistogram _histogram = new(1, HighestMicroseconds, 3);

    public long Count { get; private set; }

    public double SumSeconds { get; private set; }

    public double MaxSeconds { get; private set; }

    public void Record(double seconds)
    {
        Count++;
        SumSeconds += seconds;
        MaxSeconds = Math.Max(MaxSeconds, seconds);
        var micros = (long)Math.Round(seconds * MicrosecondsPerSecond);
        _histogram.RecordValue(Math.Clamp(micros, 1, HighestMicroseconds));
    }

    public double MeanSeconds => Count == 0 ? 0 : SumSeconds / Count;

    /// <summary>The latency below which <paramref name="percentile"/> percent of requests fall, in seconds.</summary>
    public double Percentile(double percentile) =>
        Count == 0 ? 0 : _histogram.GetValueAtPercentile(percentile) / (double)MicrosecondsPerSecond;
}
