using Google.Protobuf;
using Onnx;

namespace Selene.Inference.Tests;

/// <summary>Small ONNX models built here, with known weights: a chain, and a graph with residual joins and branches.</summary>
internal static class TestModels
{
    /// <summary>X[1,16] → (MatMul, Relu) × 3 → Y[1,4].</summary>
    public static byte[] Chain()
    {
        var model = New("chain");
        var g = model.Graph;
        g.Input.Add(Float("X", 1, 16));
        Layer(g, "X", "h1", 16, 16, 1);
        Relu(g, "h1", "r1");
        Layer(g, "r1", "h2", 16, 16, 2);
        Relu(g, "h2", "r2");
        Layer(g, "r2", "Y", 16, 4, 3);
        g.Output.Add(Float("Y", 1, 4));
        g.ValueInfo.Add(Float("h1", 1, 16));
        g.ValueInfo.Add(Float("r1", 1, 16));
        g.ValueInfo.Add(Float("h2", 1, 16));
        g.ValueInfo.Add(Float("r2", 1, 16));
        return model.ToByteArray();
    }

    /// <summary>
    /// X[1,8] → a = Relu(X·A) → b = a·B → s = Relu(b + a) (a residual join) → two branches c = s·C, d = Relu(s·D)·E →
    /// Y = c + d [1,4]; a second output Z = s.
    /// </summary>
    public static byte[] Branching()
    {
        var model = New("branching");
        var g = model.Graph;
        g.Input.Add(Float("X", 1, 8));
        Layer(g, "X", "xa", 8, 8, 11);
        Relu(g, "xa", "a");
        Layer(g, "a", "b", 8, 8, 12);
        Node(g, "Add", ["b", "a"], "sum");
        Relu(g, "sum", "s");
        Layer(g, "s", "c", 8, 4, 13);
        Layer(g, "s", "sd", 8, 6, 14);
        Relu(g, "sd", "d1");
        Layer(g, "d1", "d", 6, 4, 15);
        Node(g, "Add", ["c", "d"], "Y");
        g.Output.Add(Float("Y", 1, 4));
        g.Output.Add(Float("s", 1, 8));
        foreach (var (name, width) in new[] { ("xa", 8), ("a", 8), ("b", 8), ("sum", 8), ("c", 4), ("sd", 6), ("d1", 6), ("d", 4) })
        {
            g.ValueInfo.Add(Float(name, 1, width));
        }

        return model.ToByteArray();
    }

    /// <summary>Deterministic input values.</summary>
    public static float[] Input(int length, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
    }

    /// <summary>
    /// A 3×224×224 image unlike the others: a colour grating of its own frequency, orientation and phase, with a
    /// bright block somewhere, in roughly the range a normalised photograph has.
    /// </summary>
    public static float[] Pattern(int index)
    {
        var random = new Random(7000 + index);
        var (fx, fy, phase) = (random.NextDouble() * 0.3, random.NextDouble() * 0.3, random.NextDouble() * 6.28);
        var (bx, by) = (random.Next(0, 160), random.Next(0, 160));
        var pixels = new float[3 * 224 * 224];
        for (var c = 0; c < 3; c++)
        {
            var gain = (float)((random.NextDouble() * 2) - 1);
            for (var y = 0; y < 224; y++)
            {
                for (var x = 0; x < 224; x++)
                {
                    var block = x >= bx && x < bx + 64 && y >= by && y < by + 64 ? 1.5f : 0;
                    pixels[(c * 224 * 224) + (y * 224) + x] = (gain * (float)Math.Sin((fx * x) + (fy * y) + phase + c)) + block;
                }
            }
        }

        return pixels;
    }

    public static ModelProto New(string name)
    {
        var model = new ModelProto { IrVersion = 8, ProducerName = "selene tests", Graph = new GraphProto { Name = name } };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = 13 });
        return model;
    }

    public static ValueInfoProto Float(string name, params long[] shape)
    {
        var tensor = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = new TensorShapeProto() };
        foreach (var dim in shape)
        {
            tensor.Shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = dim });
        }

        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensor } };
    }

    public static void Node(GraphProto graph, string op, string[] inputs, string output)
    {
        var node = new NodeProto { OpType = op, Name = $"{op}_{output}" };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        graph.Node.Add(node);
    }

    private static void Relu(GraphProto graph, string input, string output) => Node(graph, "Relu", [input], output);

    private static void Layer(GraphProto graph, string input, string output, int inWidth, int outWidth, int seed)
    {
        var weight = new TensorProto { Name = $"W_{output}", DataType = (int)TensorProto.Types.DataType.Float };
        weight.Dims.Add(inWidth);
        weight.Dims.Add(outWidth);
        weight.FloatData.AddRange(Input(inWidth * outWidth, seed).Select(v => v / MathF.Sqrt(inWidth)));
        graph.Initializer.Add(weight);
        Node(graph, "MatMul", [input, weight.Name], output);
    }
}
