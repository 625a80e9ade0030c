namespace Selene.Inference.Graph;

/// <summary>
/// Operator pairs ONNX Runtime folds into one kernel when the second is the first's only reader and its other
/// inputs are weights: a convolution and the batch normalisation, scale or bias after it, a matrix product and
/// its bias. A cut between them would run the pair unfused on the two sides and round differently from the whole
/// model, and it never pays (the tensor between them is as large as the one after), so a cut keeps them together.
/// </summary>
public static class FusedPairs
{
    /// <summary>(producer, consumer) operator pairs that fuse.</summary>
    public static IReadOnlySet<(string Producer, string Consumer)> Table { get; } = new HashSet<(string, string)>
    {
        ("Conv", "BatchNormalization"),
        ("Conv", "Mul"),
        ("Conv", "Add"),
        ("MatMul", "Add"),
        ("Gemm", "Add"),
    };

    /// <summary>For each node, the node it must share a side with (its fused consumer), or -1.</summary>
    public static int[] Partners(OnnxGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var partners = new int[graph.Nodes.Count];
        Array.Fill(partners, -1);
        foreach (var node in graph.Nodes)
        {
            if (node.Outputs.Count != 1 || graph.Outputs.Contains(node.Outputs[0]))
            {
                continue;
            }

            var readers = graph.ConsumersOf(node.Outputs[0]);
            if (readers.Count != 1)
            {
                continue;
            }

            var reader = graph.Nodes[readers[0]];
            // Only the producer's tensor among the reader's non-weight inputs: a residual Add of two paths is no bias.
            if (Table.Contains((node.OpType, reader.OpType)) && reader.Inputs.Count == 1)
            {
                partners[node.Index] = reader.Index;
            }
        }

        return partners;
    }
}
