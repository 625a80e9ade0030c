using System.Buffers;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Selene.Inference.Runtime;

/// <summary>Runs a session on <see cref="TensorData"/> inputs through the OrtValue API, over the inputs' own bytes.</summary>
internal static class OrtTensors
{
    /// <summary>
    /// Runs <paramref name="session"/> on <paramref name="inputs"/> (its input names) and hands each output to
    /// <paramref name="consume"/> while it is alive; the inputs are pinned and read in place.
    /// </summary>
    public static void Run(InferenceSession session, RunOptions options, IReadOnlyList<TensorData> inputs, IReadOnlyList<string> outputNames,
        Action<string, OrtValue> consume)
    {
        var handles = new MemoryHandle[inputs.Count];
        var values = new OrtValue[inputs.Count];
        try
        {
            for (var i = 0; i < inputs.Count; i++)
            {
                values[i] = Wrap(inputs[i], out handles[i]);
            }

            using var outputs = session.Run(options, inputs.Select(t => t.Name).ToList(), values, outputNames);
            var index = 0;
            foreach (var output in outputs)
            {
                consume(outputNames[index++], output);
            }
        }
        finally
        {
            foreach (var value in values)
            {
                value?.Dispose();
            }

            foreach (var handle in handles)
            {
                handle.Dispose();
            }
        }
    }

    /// <summary>A copy of <paramref name="value"/>'s elements.</summary>
    public static TensorData Copy(string name, OrtValue value)
    {
        var info = value.GetTensorTypeAndShape();
        return new TensorData(name, info.ElementDataType, info.Shape, value.GetTensorMutableRawData().ToArray());
    }

    private static unsafe OrtValue Wrap(TensorData tensor, out MemoryHandle handle)
    {
        handle = tensor.Bytes.AsMemory().Pin();
        return OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, tensor.Type, tensor.Shape, (nint)handle.Pointer, tensor.Bytes.Length);
    }

    /// <summary>Bytes per element of <paramref name="type"/> (0 for strings).</summary>
    public static int ElementSize(TensorElementType type) => type switch
    {
        TensorElementType.Float or TensorElementType.Int32 or TensorElementType.UInt32 => 4,
        TensorElementType.Double or TensorElementType.Int64 or TensorElementType.UInt64 => 8,
        TensorElementType.Float16 or TensorElementType.BFloat16 or TensorElementType.Int16 or TensorElementType.UInt16 => 2,
        TensorElementType.Int8 or TensorElementType.UInt8 or TensorElementType.Bool => 1,
        _ => 0,
    };
}
