using System.Diagnostics;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Google.Protobuf;
using Onnx;
using Selene.Inference.Extraction;
using Selene.Inference.Graph;
using Selene.Inference.Runtime;

namespace Selene.Inference.Profiling;

/// <summary>
/// Profiles a model on this machine: each node's kernel time from ONNX Runtime's profiler (the median over timed
/// runs, after warm-up), every tensor's shape and size from a run with every tensor an output, and each codec's
/// size and time on those very tensors.
/// </summary>
public static class ModelProfiler
{
    /// <summary>Profiles <paramref name="graph"/> on <paramref name="inputs"/> (a deterministic sample when null).</summary>
    /// <exception cref="ModelFormatException">ONNX Runtime cannot load or run the model on these inputs.</exception>
    public static ModelProfile Profile(OnnxGraph graph, IReadOnlyList<TensorData>? inputs = null, int warmUps = 3, int runs = 10)
    {
        ArgumentNullException.ThrowIfNull(graph);
        inputs ??= SampleInputs(graph);
        var tensors = Tensors(graph, inputs, timed: true);
        var (nodeSeconds, wholeSeconds) = Time(graph, inputs, warmUps, runs);
        var (flops, bytes) = Work(graph, tensors);
        return new ModelProfile(graph, nodeSeconds, flops, bytes, tensors, wholeSeconds);
    }

    private static (double[] Flops, double[] Bytes) Work(OnnxGraph graph, Dictionary<string, TensorProfile> tensors)
    {
        var flops = new double[graph.Nodes.Count];
        var bytes = new double[graph.Nodes.Count];
        var weights = graph.Model.Graph.Initializer.ToDictionary(i => i.Name, i => i, StringComparer.Ordinal);
        for (var i = 0; i < graph.Nodes.Count; i++)
        {
            (flops[i], bytes[i]) = OperatorWork.Of(graph.Model.Graph.Node[i], tensors, weights);
        }

        return (flops, bytes);
    }

    /// <summary>
    /// A profile with nothing timed, the same on every machine and run: shapes, sizes and codec sizes from one run on
    /// <paramref name="inputs"/>, codec times from <see cref="TensorCodecs.ModelledBytesPerSecond"/>, node times left
    /// at zero (so plan with roofline devices). What a simulation plans with, to stay deterministic.
    /// </summary>
    public static ModelProfile Modelled(OnnxGraph graph, IReadOnlyList<TensorData>? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        inputs ??= SampleInputs(graph);
        var tensors = Tensors(graph, inputs, timed: false);
        var (flops, bytes) = Work(graph, tensors);
        return new ModelProfile(graph, new double[graph.Nodes.Count], flops, bytes, tensors, 0);
    }

    /// <summary>Most values one sampled input may hold (1 GiB of floats); a model whose input is larger is refused, not allocated.</summary>
    public const long MaxSampleElements = 1L << 28;

    /// <summary>One input per graph input: its declared shape (free dimensions as 1), values uniform in [−1, 1) from a fixed seed.</summary>
    public static IReadOnlyList<TensorData> SampleInputs(OnnxGraph graph, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var random = new Random(seed);
        var declared = graph.Model.Graph.Input.ToDictionary(i => i.Name, StringComparer.Ordinal);
        return graph.Inputs.Select(name =>
        {
            var type = declared[name].Type?.TensorType;
            if (type is null || type.ElemType != (int)TensorProto.Types.DataType.Float)
            {
                throw new ModelFormatException(graph.Source, $"input '{name}' is not a float tensor; give a sample input to profile with");
            }

            var shape = type.Shape?.Dim.Select(d => d.HasDimValue && d.DimValue > 0 ? d.DimValue : 1).ToArray() ?? [];
            var elements = shape.Aggregate(1.0, (a, b) => a * b);
            if (elements > MaxSampleElements)
            {
                throw new ModelFormatException(graph.Source, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"input '{name}' is [{string.Join(", ", shape)}]: {elements:G3} values, {elements * sizeof(float) / (1 << 30):0.#} GiB, over the {MaxSampleElements * sizeof(float) / (1 << 30)} GiB Selene samples to profile with; give a model with a smaller input"));
            }

            var values = new float[(long)elements];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = (float)((random.NextDouble() * 2) - 1);
            }

            return TensorData.Of(name, shape, values);
        }).ToList();
    }

    /// <summary>
    /// Runs <paramref name="graph"/> once on sample inputs with every tensor an output and declares the element type of
    /// each the model leaves untyped (<see cref="OnnxGraph.DeclareTypes"/>), so any cut can be extracted; the profiles
    /// do this as they run, and a process that extracts a cut without profiling (the split's far end) calls it alone.
    /// </summary>
    public static void DeclareTypes(OnnxGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        _ = RunEveryTensor(graph, SampleInputs(graph));
    }

    private static Dictionary<string, TensorProfile> Tensors(OnnxGraph graph, IReadOnlyList<TensorData> inputs, bool timed) =>
        RunEveryTensor(graph, inputs).ToDictionary(v => v.Name, v => new TensorProfile(v.Shape, v.Bytes.LongLength, Codecs(v, timed)), StringComparer.Ordinal);

    // Every tensor of one run, the inputs included, their types declared on the graph.
    private static List<TensorData> RunEveryTensor(OnnxGraph graph, IReadOnlyList<TensorData> inputs)
    {
        using var session = SplitSession.Load(SubModelExtractor.WithEveryTensorOut(graph), graph.Source, "model", null);
        var names = session.OutputNames.ToList();
        var values = new List<TensorData>(inputs);
        using var options = new RunOptions();
        try
        {
            OrtTensors.Run(session, options, inputs, names, (name, value) => values.Add(OrtTensors.Copy(name, value)));
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelFormatException(graph.Source, $"ONNX Runtime cannot run the model on inputs {Describe(inputs)}: {e.Message}", e);
        }

        graph.DeclareTypes(values.Select(v => (v.Name, (int)v.Type)));
        return values;
    }

    private static string Describe(IReadOnlyList<TensorData> inputs) =>
        string.Join(", ", inputs.Select(i => $"{i.Name}[{string.Join("×", i.Shape)}]"));

    // Each codec on the tensor itself: its size, and the best of three encode-and-decode times (or the modelled time).
    private static Dictionary<TensorCodec, (long, double)> Codecs(TensorData tensor, bool timed)
    {
        var result = new Dictionary<TensorCodec, (long, double)>();
        foreach (var codec in Enum.GetValues<TensorCodec>())
        {
            if (!timed)
            {
                result[codec] = (TensorMessage.Write([(tensor.Name, tensor.Type, tensor.Shape, tensor.Bytes)], codec).Length, tensor.Bytes.Length / TensorCodecs.ModelledBytesPerSecond[codec]);
                continue;
            }

            var best = double.PositiveInfinity;
            long size = 0;
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var clock = Stopwatch.StartNew();
                var message = TensorMessage.Write([(tensor.Name, tensor.Type, tensor.Shape, tensor.Bytes)], codec);
                _ = TensorMessage.Read(message);
                best = Math.Min(best, clock.Elapsed.TotalSeconds);
                size = message.Length;
            }

            result[codec] = (size, best);
        }

        return result;
    }

    private static (double[] NodeSeconds, double WholeSeconds) Time(OnnxGraph graph, IReadOnlyList<TensorData> inputs, int warmUps, int runs)
    {
        var prefix = Path.Combine(Path.GetTempPath(), $"selene-profile-{Environment.ProcessId}-{Guid.NewGuid():N}");
        using var session = SplitSession.Load(graph.Model.ToByteArray(), graph.Source, "model", () =>
        {
            var options = SplitSession.DefaultOptions();
            options.EnableProfiling = true;
            options.ProfileOutputPathPrefix = prefix;
            return options;
        });
        var outputs = graph.Outputs.ToList();
        var whole = new List<double>();
        using (var run = new RunOptions())
        {
            for (var i = 0; i < warmUps + runs; i++)
            {
                var clock = Stopwatch.StartNew();
                OrtTensors.Run(session, run, inputs, outputs, (_, _) => { });
                if (i >= warmUps)
                {
                    whole.Add(clock.Elapsed.TotalSeconds);
                }
            }
        }

        var file = session.EndProfiling();
        try
        {
            var byNode = new Dictionary<string, List<double>>(StringComparer.Ordinal);
            using var trace = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var e in trace.RootElement.EnumerateArray())
            {
                if (e.GetProperty("cat").GetString() != "Node" || e.GetProperty("name").GetString() is not { } name || !name.EndsWith("_kernel_time", StringComparison.Ordinal))
                {
                    continue;
                }

                var node = name[..^"_kernel_time".Length];
                if (!byNode.TryGetValue(node, out var list))
                {
                    byNode[node] = list = [];
                }

                list.Add(e.GetProperty("dur").GetInt64() * 1e-6);
            }

            // The last `runs` samples of each node are the timed runs.
            var seconds = graph.Nodes.Select(n => byNode.TryGetValue(n.Name, out var samples) ? Median(samples.TakeLast(runs)) : 0).ToArray();
            return (seconds, Median(whole));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]);
    }
}
