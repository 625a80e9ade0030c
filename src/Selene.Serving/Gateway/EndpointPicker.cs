namespace Selene.Serving.Gateway;

/// <summary>
/// The inference gateway's endpoint picker (Gateway API Inference Extension, EPP; shared reference, serving anchors
/// §4): filter, score, pick. Filters drop endpoints out of reach, with stale metrics, whose round trip alone breaks
/// the request's TTFT objective (Selene's link filter), and saturated ones; when saturation would drop them all, a
/// sheddable request is shed and any other waits at the gateway (the extension's flow control) until one has room. Scorers, each 0…1, are summed
/// with weights: queue (max − q) / (max − min) over the candidates (1 when all are equal), KV cache 1 − use,
/// prefix cache the matched share, and the link 1 − round trip / TTFT. The highest score wins; ties are broken at
/// random from the caller's seeded stream.
/// </summary>
public sealed class EndpointPicker(PickerSettings? settings = null)
{
    private readonly List<int> _candidates = [];
    private readonly List<int> _unsaturated = [];
    private readonly List<int> _best = [];

    /// <summary>The weights and thresholds.</summary>
    public PickerSettings Settings { get; } = settings ?? new PickerSettings();

    /// <summary>Whether an endpoint is saturated by the detector's thresholds.</summary>
    public bool Saturated(in EndpointState endpoint) =>
        endpoint.Waiting > Settings.QueueThreshold || endpoint.KvCacheUsage > Settings.KvCacheThreshold;

    /// <summary>
    /// Picks an endpoint at <paramref name="now"/> for a request whose TTFT objective is <paramref name="ttftSeconds"/>
    /// (+∞ for batch work), shedding it when the pool is saturated and it is <paramref name="sheddable"/>.
    /// </summary>
    public PickOutcome Pick(IReadOnlyList<EndpointState> endpoints, double now, double ttftSeconds, bool sheddable, Random ties)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(ties);
        _candidates.Clear();
        _unsaturated.Clear();
        for (var i = 0; i < endpoints.Count; i++)
        {
            var e = endpoints[i];
            if (e.LinkUp && now - e.MeasuredAt - e.OneWaySeconds <= Settings.StalenessSeconds && e.RoundTripSeconds < ttftSeconds)
            {
                _candidates.Add(i);
                if (!Saturated(e))
                {
                    _unsaturated.Add(i);
                }
            }
        }

        if (_candidates.Count == 0)
        {
            return new PickOutcome(PickKind.Queued, -1, "no endpoint reachable with fresh metrics within the request's time to first token");
        }

        if (_unsaturated.Count == 0)
        {
            return new PickOutcome(sheddable ? PickKind.Shed : PickKind.Queued, -1, "the pool is saturated");
        }

        var pool = _unsaturated;
        int most = int.MinValue, least = int.MaxValue;
        foreach (var i in pool)
        {
            most = Math.Max(most, endpoints[i].Waiting);
            least = Math.Min(least, endpoints[i].Waiting);
        }

        var bestScore = double.NegativeInfinity;
        _best.Clear();
        foreach (var i in pool)
        {
            var score = Score(endpoints[i], least, most, ttftSeconds);
            if (score > bestScore)
            {
                bestScore = score;
                _best.Clear();
            }

            if (score == bestScore)
            {
                _best.Add(i);
            }
        }

        return new PickOutcome(PickKind.Routed, _best.Count == 1 ? _best[0] : _best[ties.Next(_best.Count)], "");
    }

    /// <summary>The queue scorer: (max − q) / (max − min) over the candidates, 1 when all are equal.</summary>
    public static double QueueScore(int waiting, int least, int most) => most == least ? 1 : (most - waiting) / (double)(most - least);

    /// <summary>The KV-cache scorer: 1 − use.</summary>
    public static double KvCacheScore(double usage) => 1 - Math.Clamp(usage, 0, 1);

    /// <summary>Selene's link scorer: 1 − round trip / TTFT objective (1 for work with none).</summary>
    public static double LinkScore(double roundTripSeconds, double ttftSeconds) =>
        double.IsPositiveInfinity(ttftSeconds) ? 1 : Math.Clamp(1 - (roundTripSeconds / ttftSeconds), 0, 1);

    private double Score(in EndpointState e, int least, int most, double ttft) =>
        (Settings.QueueWeight * QueueScore(e.Waiting, least, most))
        + (Settings.KvCacheWeight * KvCacheScore(e.KvCacheUsage))
        + (Settings.PrefixWeight * Math.Clamp(e.PrefixMatch, 0, 1))
        + (Settings.LinkWeight * LinkScore(e.RoundTripSeconds, ttft));
}
