using Onnx;

namespace Selene.Inference.Profiling;

/// <summary>
/// A node's arithmetic and memory traffic from its shapes, for the roofline model of a device not at hand:
/// convolutions and matrix products count two operations per multiply-add, everything else one per output element.
/// </summary>
public static class OperatorWork
{
    /// <summary>(floating-point operations, bytes read and written) of <paramref name="node"/>.</summary>
    public static (double Flops, double Bytes) Of(NodeProto node, IReadOnlyDictionary<string, TensorProfile> tensors, IReadOnlyDictionary<string, TensorProto> weights)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentNullException.ThrowIfNull(weights);
        double Bytes(string name) => tensors.TryGetValue(name, out var t) ? t.Bytes : weights.TryGetValue(name, out var w) ? WeightBytes(w) : 0;
        long[] Shape(string name) => tensors.TryGetValue(name, out var t) ? t.Shape : weights.TryGetValue(name, out var w) ? [.. w.Dims] : [];

        var bytes = node.Input.Where(i => i.Length > 0).Sum(Bytes) + node.Output.Sum(Bytes);
        var output = node.Output.Count > 0 ? Shape(node.Output[0]) : [];
        var outputElements = output.Aggregate(1.0, (a, b) => a * b);
        double flops = node.OpType switch
        {
            // 2 · N · C_out · H_out · W_out · (C_in / group) · k_h · k_w: each output element is a dot product over the
            // kernel's weights for its group.
            "Conv" when node.Input.Count > 1 && Shape(node.Input[1]) is { Length: >= 3 } w => 2 * outputElements * w.Skip(1).Aggregate(1.0, (a, b) => a * b),
            "MatMul" or "Gemm" when node.Input.Count > 1 && Shape(node.Input[0]) is { Length: >= 1 } a =>
                2 * outputElements * (node.OpType == "Gemm" && node.Attribute.Any(x => x.Name == "transA" && x.I == 1) ? a[^2] : a[^1]),
            _ => outputElements,
        };
        return (flops, bytes);
    }

    private static double WeightBytes(TensorProto weight)
    {
        var elements = weight.Dims.Aggregate(1.0, (a, b) => a * b);
        return weight.DataType switch
        {
            (int)TensorProto.Types.DataType.Double or (int)TensorProto.Types.DataType.Int64 or (int)TensorProto.Types.DataType.Uint64 => 8 * elements,
            (int)TensorProto.Types.DataType.Float16 or (int)TensorProto.Types.DataType.Bfloat16 or (int)TensorProto.Types.DataType.Int16 or (int)TensorProto.Types.DataType.Uint16 => 2 * elements,
            (int)TensorProto.Types.DataType.Int8 or (int)TensorProto.Types.DataType.Uint8 or (int)TensorProto.Types.DataType.Bool => elements,
            _ => 4 * elements,
        };
    }
}
