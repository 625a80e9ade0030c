using Selene.Inference.Graph;
using Selene.Inference.Profiling;
using Selene.Inference.Runtime;

namespace Selene.Inference.Planning;

/// <summary>End-to-end latency against the link's bandwidth: all on the requester's side, all across, and the best split.</summary>
public static class BandwidthSweep
{
    /// <summary>Forward bandwidths swept by default, Mbit/s (the return bandwidth scales with it).</summary>
    public static IReadOnlyList<double> DefaultMbps { get; } = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000];

    /// <summary>One point per bandwidth in <paramref name="forwardMbps"/>.</summary>
    public static IReadOnlyList<SweepPoint> Of(ModelProfile profile, PlanOptions options, IEnumerable<double>? forwardMbps = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(options);
        var graph = profile.Graph;
        return (forwardMbps ?? DefaultMbps).Select(mbps =>
        {
            var scale = mbps * 1e6 / options.Link.ForwardBitsPerSecond;
            var swept = options with { Link = options.Link with { ForwardBitsPerSecond = mbps * 1e6, ReturnBitsPerSecond = options.Link.ReturnBitsPerSecond * scale } };
            var best = SplitPlanner.MinimumCut(profile, swept);
            var local = SplitPlanner.Cost(profile, swept, Cut.Of(graph, Enumerable.Range(0, graph.Nodes.Count)), TensorCodec.None).LatencySeconds;
            var remote = swept.Codecs.Min(c => SplitPlanner.Cost(profile, swept, Cut.Of(graph, []), c).LatencySeconds);
            return new SweepPoint(mbps, local, remote, best.LatencySeconds, best.Cut.Label);
        }).ToList();
    }
}

/// <summary>Latency at one forward bandwidth.</summary>
/// <param name="ForwardMbps">Bandwidth from the requester across the link, Mbit/s.</param>
/// <param name="AllPrefixSeconds">Everything on the requester's side.</param>
/// <param name="AllSuffixSeconds">Everything across the link.</param>
/// <param name="BestSeconds">The best split.</param>
/// <param name="BestCut">Where it cuts.</param>
public sealed record SweepPoint(double ForwardMbps, double AllPrefixSeconds, double AllSuffixSeconds, double BestSeconds, string BestCut);
