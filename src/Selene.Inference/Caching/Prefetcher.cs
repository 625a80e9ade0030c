using Selene.Inference.Runtime;

namespace Selene.Inference.Caching;

/// <summary>
/// Speculative prefetch: while the link is idle, the requests expected next (best first, from a forecast such as
/// popularity) are run ahead and kept in the exact cache, so when they come they are answered at once. What it may
/// spend is budgeted against the link: at most a share of the idle time's link capacity, counted in the link time a
/// request takes.
/// </summary>
public sealed class Prefetcher(SplitRunner runner, ExactCache cache, double budgetShare)
{
    /// <summary>Requests run ahead.</summary>
    public int Prefetched { get; private set; }

    /// <summary>Link time spent on them, seconds.</summary>
    public double LinkSeconds { get; private set; }

    /// <summary>
    /// Runs the first of <paramref name="predicted"/> not yet kept, as many as <paramref name="idleSeconds"/> of idle
    /// link allows at the budget share, each costing <paramref name="linkSecondsPerRequest"/>; returns how many ran.
    /// </summary>
    public async Task<int> FillAsync(IEnumerable<IReadOnlyList<TensorData>> predicted, double idleSeconds, double linkSecondsPerRequest,
        TensorCodec codec, TimeSpan lifetime, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        var allowed = linkSecondsPerRequest > 0 ? (int)Math.Floor(idleSeconds * budgetShare / linkSecondsPerRequest) : int.MaxValue;
        var ran = 0;
        foreach (var inputs in predicted)
        {
            if (ran >= allowed)
            {
                break;
            }

            if (cache.Contains(ExactCache.Key(inputs)))
            {
                continue;
            }

            await runner.RunAsync(inputs, codec, lifetime, cancel).ConfigureAwait(false);
            ran++;
            LinkSeconds += linkSecondsPerRequest;
        }

        Prefetched += ran;
        return ran;
    }
}
