using Selene.Cluster.Scheduling.Framework;
using Selene.Cluster.Scheduling.Plugins;

namespace Selene.Simulation.Scheduling;

/// <summary>
/// The twin's load score: the expected time from now until the reply would reach the user — transfer, queueing
/// at the node, service and light time — as 100 × the best node's time over this node's, so the quickest node
/// gets 100 and one twice as slow 50.
/// </summary>
internal sealed class ExpectedCompletion(Func<NodeInfo, double> expectedSeconds) : IScorePlugin
{
    // Raw scores are the expected times in microseconds; normalising turns them into ratios.
    private const double Scale = 1e6;

    /// <inheritdoc />
    public string Name => nameof(ExpectedCompletion);

    /// <inheritdoc />
    public long Score(CycleState state, PodInfo pod, NodeInfo node) => (long)Math.Ceiling(Math.Min(expectedSeconds(node), MaxSeconds) * Scale);

    // A node with every GPU down waits "forever"; a year keeps the arithmetic finite.
    private const double MaxSeconds = 365 * 86_400;

    /// <inheritdoc />
    public void NormalizeScore(CycleState state, PodInfo pod, Span<long> scores)
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
