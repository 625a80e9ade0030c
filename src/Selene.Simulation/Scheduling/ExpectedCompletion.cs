using Selene.Cluster.Scheduling.Plugins;

namespace Selene.Simulation.Scheduling;

/// <summary>
/// The twin's load score: the expected time from now until the reply would reach the user — transfer, queueing
/// at the node, service and light time — as 100 × the best node's time over this node's, so the quickest node
/// gets 100 and one twice as slow 50.
/// </summary>
internal static class ExpectedCompletion
{
    // Raw scores are the expected times in microseconds; normalising turns them into ratios.
    private const double Scale = 1e6;

    // A node with every GPU down waits "forever"; a year keeps the arithmetic finite.
    private const double MaxSeconds = 365 * 86_400;

    /// <summary>The raw score of a node whose reply is expected in <paramref name="expectedSeconds"/>.</summary>
    public static long Raw(double expectedSeconds) => (long)Math.Ceiling(Math.Min(expectedSeconds, MaxSeconds) * Scale);

    /// <summary>Turns raw scores into 0–100, the quickest node 100.</summary>
    public static void Normalize(Span<long> scores)
    {
        var best = long.MaxValue;
        foreach (var score in scores)
        {
            best = Math.Min(best, Math.Max(1, score));
        }

        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = ScoreNormalizer.MaxNodeScore * best / Math.Max(1, scores[i]);
        }
    }
}
