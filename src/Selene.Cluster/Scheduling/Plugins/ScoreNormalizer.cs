namespace Selene.Cluster.Scheduling.Plugins;

/// <summary>kube-scheduler's <c>helper.DefaultNormalizeScore</c>: scale so the largest raw score becomes the maximum.</summary>
public static class ScoreNormalizer
{
    /// <summary>The largest score a plugin may give after normalising (<c>MaxNodeScore</c>).</summary>
    public const long MaxNodeScore = 100;

    /// <summary>
    /// Scales scores to 0–<paramref name="maxPriority"/> by the largest; with <paramref name="reverse"/>, a high raw
    /// score becomes a low one. All zeros stay zero, or become the maximum when reversed.
    /// </summary>
    public static void Default(Span<long> scores, long maxPriority, bool reverse)
    {
        long max = 0;
        foreach (var score in scores)
        {
            max = Math.Max(max, score);
        }

        if (max == 0)
        {
            if (reverse)
            {
                scores.Fill(maxPriority);
            }

            return;
        }

        for (var i = 0; i < scores.Length; i++)
        {
            var score = maxPriority * scores[i] / max;
            scores[i] = reverse ? maxPriority - score : score;
        }
    }
}
