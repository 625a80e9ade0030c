using Microsoft.ML.OnnxRuntime.Tensors;

namespace Selene.Inference.Runtime;

/// <summary>A named tensor as bytes: what crosses the link, and what a split run returns.</summary>
/// <param name="Name">The tensor's name in the graph.</param>
/// <param name="Type">Element type.</param>
/// <param name="Shape">Dimensions.</param>
/// <param name="Bytes">Elements, packed, in native (little-endian) order.</param>
public sealed record TensorData(string Name, TensorElementType Type, long[] Shape, byte[] Bytes)
{
    /// <summary>The elements as floats (a float tensor only).</summary>
    public ReadOnlySpan<float> Floats => Type == TensorElementType.Float
        ? System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(Bytes)
        : throw new InvalidOperationException($"tensor '{Name}' holds {Type}, not floats");

    /// <summary>A float tensor.</summary>
    public static TensorData Of(string name, long[] shape, float[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new TensorData(name, TensorElementType.Float, shape, System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
    }
}
