using Microsoft.ML.OnnxRuntime;
using Selene.Inference.Extraction;
using Selene.Inference.Graph;

namespace Selene.Inference.Runtime;

/// <summary>
/// The two halves of a cut loaded as ONNX Runtime sessions. The prefix runs on the request's side and writes the
/// cut tensors straight into a message; the suffix reads a message, runs, and writes its outputs into the reply.
/// A run whose deadline passes is stopped inside ONNX Runtime (<see cref="RunOptions.Terminate"/>).
/// </summary>
public sealed class SplitSession : IDisposable
{
    private readonly InferenceSession? _prefix;
    private readonly InferenceSession? _suffix;
    private readonly string[] _prefixOutputs;
    private readonly string[] _suffixOutputs;

    /// <summary>Loads both halves of <paramref name="models"/>.</summary>
    /// <exception cref="ModelFormatException">ONNX Runtime rejects a half (an operator it does not know, a bad attribute).</exception>
    public SplitSession(SplitModels models, Func<SessionOptions>? options = null)
    {
        ArgumentNullException.ThrowIfNull(models);
        Cut = models.Cut;
        var graph = Cut.Graph;
        _prefix = models.Prefix is null ? null : Load(models.Prefix, graph.Source, "prefix", options);
        _suffix = models.Suffix is null ? null : Load(models.Suffix, graph.Source, "suffix", options);
        _prefixOutputs = [.. Cut.Tensors.Where(t => graph.ProducerOf(t) >= 0).Concat(Cut.PrefixOutputs).Distinct()];
        _suffixOutputs = [.. Cut.SuffixOutputs];
    }

    /// <summary>The cut.</summary>
    public Cut Cut { get; }

    /// <summary>
    /// Runs the prefix on <paramref name="inputs"/>: returns the message to send (the cut tensors, encoded with
    /// <paramref name="codec"/>; null when nothing crosses) and the graph outputs the prefix produces.
    /// </summary>
    public (byte[]? Message, IReadOnlyList<TensorData> Outputs) RunPrefix(IReadOnlyList<TensorData> inputs, TensorCodec codec, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var byName = inputs.ToDictionary(t => t.Name, StringComparer.Ordinal);
        TensorData Input(string name) => byName.TryGetValue(name, out var given) ? given : throw new ArgumentException($"input '{name}' is missing");
        foreach (var input in inputs)
        {
            Check(input);
        }

        using var message = new TensorMessage.Writer(codec);
        // The cut's order: graph inputs sent on as they are, then what the prefix writes.
        foreach (var input in Cut.Tensors.Where(t => Cut.Graph.ProducerOf(t) < 0).Select(Input))
        {
            message.Add(input.Name, input.Type, input.Shape, input.Bytes);
        }

        var outputs = new List<TensorData>();
        if (_prefix is not null)
        {
            var sent = Cut.Tensors.ToHashSet(StringComparer.Ordinal);
            var returned = Cut.PrefixOutputs.ToHashSet(StringComparer.Ordinal);
            Run(_prefix, [.. _prefix.InputNames.Select(Input)], _prefixOutputs, (name, value) =>
            {
                if (sent.Contains(name))
                {
                    var info = value.GetTensorTypeAndShape();
                    message.Add(name, info.ElementDataType, info.Shape, value.GetTensorMutableRawData());
                }

                if (returned.Contains(name))
                {
                    outputs.Add(OrtTensors.Copy(name, value));
                }
            }, cancel);
        }

        return (Cut.Tensors.Count == 0 ? null : message.ToArray(), outputs);
    }

    // The model's own declaration of each input: a wrong type or shape is the caller's mistake, said as such.
    private void Check(TensorData input)
    {
        var declared = Cut.Graph.Model.Graph.Input.FirstOrDefault(i => i.Name == input.Name)?.Type?.TensorType
            ?? throw new ArgumentException($"'{input.Name}' is not an input of the model; its inputs are {string.Join(", ", Cut.Graph.Inputs)}");
        if (declared.ElemType != (int)input.Type)
        {
            throw new ArgumentException($"input '{input.Name}' holds {input.Type}; the model wants element type {(Onnx.TensorProto.Types.DataType)declared.ElemType}");
        }

        var dims = declared.Shape?.Dim;
        var fits = dims is null || (dims.Count == input.Shape.Length && dims.Select((d, i) => !d.HasDimValue || d.DimValue <= 0 || d.DimValue == input.Shape[i]).All(ok => ok));
        var size = OrtTensors.ElementSize(input.Type);
        if (!fits || (size > 0 && input.Shape.Aggregate(1L, (a, b) => a * b) * size != input.Bytes.LongLength))
        {
            var wanted = dims is null ? "?" : string.Join("×", dims.Select(d => d.HasDimValue && d.DimValue > 0 ? d.DimValue.ToString(System.Globalization.CultureInfo.InvariantCulture) : d.DimParam.Length > 0 ? d.DimParam : "?"));
            throw new ArgumentException($"input '{input.Name}' has shape {string.Join("×", input.Shape)} and {input.Bytes.Length} bytes; the model wants {wanted}");
        }
    }

    /// <summary>Runs the suffix on a message from <see cref="RunPrefix"/> and returns the reply: its outputs, unencoded.</summary>
    public byte[] RunSuffix(ReadOnlySpan<byte> message, CancellationToken cancel = default)
    {
        if (_suffix is null)
        {
            throw new InvalidOperationException("this cut has no suffix");
        }

        var inputs = TensorMessage.Read(message);
        using var reply = new TensorMessage.Writer(TensorCodec.None);
        Run(_suffix, inputs, _suffixOutputs, (name, value) =>
        {
            var info = value.GetTensorTypeAndShape();
            reply.Add(name, info.ElementDataType, info.Shape, value.GetTensorMutableRawData());
        }, cancel);
        return reply.ToArray();
    }

    /// <summary>Prefix, then suffix on its message in the same process, with nothing between: the graph's outputs.</summary>
    public IReadOnlyList<TensorData> Run(IReadOnlyList<TensorData> inputs, TensorCodec codec = TensorCodec.None, CancellationToken cancel = default)
    {
        var (message, outputs) = RunPrefix(inputs, codec, cancel);
        return message is null || _suffix is null ? outputs : [.. outputs, .. TensorMessage.Read(RunSuffix(message, cancel))];
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _prefix?.Dispose();
        _suffix?.Dispose();
    }

    internal static InferenceSession Load(byte[] model, string source, string part, Func<SessionOptions>? options)
    {
        try
        {
            using var settings = options?.Invoke() ?? DefaultOptions();
            return new InferenceSession(model, settings);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelFormatException(source, $"ONNX Runtime cannot load the {part}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Every graph optimisation but the layout ones: those change a convolution's arithmetic with the blocked
    /// layout's boundaries, so a split's output would differ from the whole model's in the last bits. Idle worker
    /// threads sleep rather than spin: two halves in one process (or a session beside other work) would otherwise
    /// spend the cores spinning while the other runs.
    /// </summary>
    public static SessionOptions DefaultOptions()
    {
        var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_EXTENDED };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        return options;
    }

    private static void Run(InferenceSession session, IReadOnlyList<TensorData> inputs, IReadOnlyList<string> outputs, Action<string, OrtValue> consume, CancellationToken cancel)
    {
        using var run = new RunOptions();
        using var stop = cancel.Register(() => run.Terminate = true);
        cancel.ThrowIfCancellationRequested();
        try
        {
            OrtTensors.Run(session, run, inputs, outputs, consume);
        }
        catch (OnnxRuntimeException) when (cancel.IsCancellationRequested)
        {
            throw new OperationCanceledException("the run's deadline passed", cancel);
        }
    }
}
