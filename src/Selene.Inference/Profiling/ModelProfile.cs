using Selene.Inference.Graph;
using Selene.Inference.Runtime;

namespace Selene.Inference.Profiling;

/// <summary>
/// What the planner needs to know about a model on this machine: each node's measured latency, work and memory
/// traffic, and each tensor's size, encoded size and encoding time under every codec.
/// </summary>
/// <param name="Graph">The model.</param>
/// <param name="NodeSeconds">Median kernel time of each node here (0 for a node ONNX Runtime fused into its producer).</param>
/// <param name="NodeFlops">Floating-point operations of each node, from its shapes.</param>
/// <param name="NodeBytes">Bytes each node reads and writes (its tensors and weights).</param>
/// <param name="Tensors">Each non-weight tensor: shape, bytes, and per codec its encoded bytes and encode + decode seconds.</param>
/// <param name="WholeSeconds">Median time of one run of the whole model in one session, here (0 when modelled).</param>
public sealed record ModelProfile(
    OnnxGraph Graph,
    double[] NodeSeconds,
    double[] NodeFlops,
    double[] NodeBytes,
    IReadOnlyDictionary<string, TensorProfile> Tensors,
    double WholeSeconds)
{
    /// <summary>Nodes that run fused into their producer (<see cref="FusedPairs"/>): no kernel of their own.</summary>
    public bool[] FusedIntoProducer { get; } = FusedFlags(Graph);

    private static bool[] FusedFlags(OnnxGraph graph)
    {
        var flags = new bool[graph.Nodes.Count];
        foreach (var partner in FusedPairs.Partners(graph).Where(p => p >= 0))
        {
            flags[partner] = true;
        }

        return flags;
    }
}

/// <summary>One tensor's size and what each codec makes of it.</summary>
/// <param name="Shape">Dimensions.</param>
/// <param name="Bytes">Raw size.</param>
/// <param name="Encoded">Per codec: encoded bytes and the seconds to encode and decode it here.</param>
public sealed record TensorProfile(long[] Shape, long Bytes, IReadOnlyDictionary<TensorCodec, (long Bytes, double Seconds)> Encoded);
