using Selene.Inference.Graph;
using Selene.Inference.Runtime;

namespace Selene.Inference.Planning;

/// <summary>One cut with one codec, and every term of its end-to-end latency (seconds) and throughput.</summary>
/// <param name="Cut">The cut.</param>
/// <param name="Codec">Codec of the cut tensors.</param>
/// <param name="PrefixSeconds">The prefix on its device.</param>
/// <param name="EncodeSeconds">Serialising (and compressing) the cut tensors and reading them on the far side.</param>
/// <param name="SentBytes">Bytes sent across.</param>
/// <param name="SendSeconds">Putting them on the link.</param>
/// <param name="SuffixSeconds">The suffix on its device.</param>
/// <param name="ReplyBytes">Bytes of the outputs sent back.</param>
/// <param name="ReplySeconds">Serialising them and putting them on the link.</param>
/// <param name="DelaySeconds">Propagation, both ways (0 when nothing crosses).</param>
/// <param name="LossSeconds">Expected retransmission time.</param>
public sealed record CandidateCost(
    Cut Cut,
    TensorCodec Codec,
    double PrefixSeconds,
    double EncodeSeconds,
    long SentBytes,
    double SendSeconds,
    double SuffixSeconds,
    long ReplyBytes,
    double ReplySeconds,
    double DelaySeconds,
    double LossSeconds)
{
    /// <summary>End-to-end latency: every term, one after the other.</summary>
    public double LatencySeconds => PrefixSeconds + EncodeSeconds + SendSeconds + SuffixSeconds + ReplySeconds + DelaySeconds + LossSeconds;

    /// <summary>Requests per second with the stages pipelined: the slowest of prefix, link out, suffix and link back.</summary>
    public double ThroughputPerSecond => 1 / Math.Max(Math.Max(PrefixSeconds + EncodeSeconds, SendSeconds), Math.Max(SuffixSeconds, ReplySeconds));
}
