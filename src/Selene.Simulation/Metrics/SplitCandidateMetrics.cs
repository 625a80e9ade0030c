using Selene.Inference.Planning;
using Selene.Inference.Runtime;

namespace Selene.Simulation.Metrics;

/// <summary>One split candidate's cost terms, seconds and bytes, as reported.</summary>
/// <param name="Kind">all in prefix, all in suffix, or split.</param>
/// <param name="Tensors">The tensors that cross.</param>
/// <param name="PrefixNodes">Nodes in the prefix.</param>
/// <param name="Codec">Codec of the crossing tensors.</param>
/// <param name="PrefixSeconds">The prefix on its device.</param>
/// <param name="EncodeSeconds">Serialising and reading the crossing tensors.</param>
/// <param name="SentBytes">Bytes sent across.</param>
/// <param name="SendSeconds">Putting them on the link.</param>
/// <param name="SuffixSeconds">The suffix on its device.</param>
/// <param name="ReplyBytes">Bytes sent back.</param>
/// <param name="ReplySeconds">Serialising them and putting them on the link.</param>
/// <param name="DelaySeconds">Propagation both ways.</param>
/// <param name="LossSeconds">Expected retransmission time.</param>
/// <param name="LatencySeconds">End to end.</param>
/// <param name="ThroughputPerSecond">Requests a second with the stages pipelined.</param>
public sealed record SplitCandidateMetrics(string Kind, IReadOnlyList<string> Tensors, int PrefixNodes, string Codec, double PrefixSeconds, double EncodeSeconds, long SentBytes,
    double SendSeconds, double SuffixSeconds, long ReplyBytes, double ReplySeconds, double DelaySeconds, double LossSeconds, double LatencySeconds, double ThroughputPerSecond)
{
    /// <summary>The report's form of <paramref name="cost"/>.</summary>
    public static SplitCandidateMetrics Of(CandidateCost cost)
    {
        ArgumentNullException.ThrowIfNull(cost);
        return new(cost.Cut.AllInPrefix ? "all in prefix" : cost.Cut.AllInSuffix ? "all in suffix" : "split", [.. cost.Cut.Tensors], cost.Cut.PrefixNodes.Count,
            TensorCodecs.Name(cost.Codec), cost.PrefixSeconds, cost.EncodeSeconds, cost.SentBytes, cost.SendSeconds, cost.SuffixSeconds, cost.ReplyBytes, cost.ReplySeconds,
            cost.DelaySeconds, cost.LossSeconds, cost.LatencySeconds, cost.ThroughputPerSecond);
    }
}

/// <summary>A tenant's model split across the scenario's link: the plan the simulation ran, and latency against bandwidth.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Model">The model's file name.</param>
/// <param name="Link">The link planned for: one-way delay and bandwidth.</param>
/// <param name="OneWayDelaySeconds">Its one-way delay.</param>
/// <param name="BandwidthMbps">Its bandwidth each way.</param>
/// <param name="PrefixDevice">Earth's side.</param>
/// <param name="SuffixDevice">The lunar GPU type planned for.</param>
/// <param name="Run">The candidate the simulation ran at lunar nodes (the best one that uses them).</param>
/// <param name="Best">The best candidate, which may keep everything on Earth.</param>
/// <param name="AllOnEarth">Everything on Earth.</param>
/// <param name="AllOnMoon">Everything on the Moon.</param>
/// <param name="Candidates">Every candidate, best first.</param>
/// <param name="Sweep">Latency against bandwidth.</param>
public sealed record SplitPlanMetrics(string Tenant, string Model, string Link, double OneWayDelaySeconds, double BandwidthMbps, string PrefixDevice, string SuffixDevice,
    SplitCandidateMetrics Run, SplitCandidateMetrics Best, SplitCandidateMetrics AllOnEarth, SplitCandidateMetrics AllOnMoon, IReadOnlyList<SplitCandidateMetrics> Candidates,
    IReadOnlyList<SweepPoint> Sweep);
