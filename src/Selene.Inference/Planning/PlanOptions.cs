using Selene.Inference.Runtime;

namespace Selene.Inference.Planning;

/// <summary>What a split is planned for.</summary>
/// <param name="Link">The link between the sides.</param>
/// <param name="PrefixDevice">Where the request starts and the prefix runs.</param>
/// <param name="SuffixDevice">Across the link, where the suffix runs.</param>
/// <param name="Codecs">Codecs the cut tensors may use (the lossy ones change the output; see the run's measurement).</param>
/// <param name="LatencyBudgetSeconds">For throughput: the longest a request may take; null plans for latency.</param>
public sealed record PlanOptions(LinkModel Link, DeviceClass PrefixDevice, DeviceClass SuffixDevice, IReadOnlyList<TensorCodec> Codecs, double? LatencyBudgetSeconds = null)
{
    /// <summary>The lossless codecs.</summary>
    public static IReadOnlyList<TensorCodec> Lossless { get; } = [TensorCodec.None, TensorCodec.Lz4, TensorCodec.Zstd];
}
