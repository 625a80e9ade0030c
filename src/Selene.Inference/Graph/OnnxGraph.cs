using Google.Protobuf;
using Onnx;

namespace Selene.Inference.Graph;

/// <summary>
/// A model's dataflow graph: its operators in topological order, which tensor each writes and reads, the graph's
/// inputs and outputs, and its weights (initializers, which each side of a split keeps and never sends). Loading
/// checks what a cut relies on and names the node or tensor at fault.
/// </summary>
public sealed class OnnxGraph
{
    private readonly Dictionary<string, int> _producers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _consumers = new(StringComparer.Ordinal);

    private OnnxGraph(string source, ModelProto model, IReadOnlyList<GraphNode> nodes, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, IReadOnlySet<string> initializers)
    {
        Source = source;
        Model = model;
        Nodes = nodes;
        Inputs = inputs;
        Outputs = outputs;
        Initializers = initializers;
        foreach (var node in nodes)
        {
            foreach (var output in node.Outputs)
            {
                _producers[output] = node.Index;
            }

            foreach (var input in node.Inputs.Distinct())
            {
                if (!_consumers.TryGetValue(input, out var list))
                {
                    _consumers[input] = list = [];
                }

                list.Add(node.Index);
            }
        }
    }

    /// <summary>Where the model came from (a path, or a name).</summary>
    public string Source { get; }

    /// <summary>The model, its nodes reordered topologically and every node named.</summary>
    public ModelProto Model { get; }

    /// <summary>The operators in topological order.</summary>
    public IReadOnlyList<GraphNode> Nodes { get; }

    /// <summary>The graph's inputs that are not weights.</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>The graph's outputs.</summary>
    public IReadOnlyList<string> Outputs { get; }

    /// <summary>Names of the weights.</summary>
    public IReadOnlySet<string> Initializers { get; }

    /// <summary>
    /// Declares the element type of every tensor in <paramref name="tensors"/> that the model gives no type (many
    /// exporters write no <c>value_info</c> for intermediate tensors), as a run of the model found them, so any of them
    /// can cross a cut. The shape is left open, so a split model takes any batch size the whole one does.
    /// </summary>
    /// <param name="tensors">Each tensor's name and ONNX element type (<c>TensorProto.DataType</c>, which ONNX Runtime's element types share).</param>
    public void DeclareTypes(IEnumerable<(string Name, int ElementType)> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var graph = Model.Graph;
        var typed = graph.Input.Concat(graph.ValueInfo).Concat(graph.Output)
            .Where(v => v.Type?.TensorType is { ElemType: not 0 }).Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, elementType) in tensors)
        {
            if (!typed.Contains(name) && elementType != 0)
            {
                graph.ValueInfo.Add(new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = elementType } } });
                typed.Add(name);
            }
        }
    }

    /// <summary>The node that writes <paramref name="tensor"/>, or -1 for a graph input.</summary>
    public int ProducerOf(string tensor) => _producers.TryGetValue(tensor, out var node) ? node : -1;

    /// <summary>The nodes that read <paramref name="tensor"/>.</summary>
    public IReadOnlyList<int> ConsumersOf(string tensor) => _consumers.TryGetValue(tensor, out var nodes) ? nodes : [];

    /// <summary>Reads a model file.</summary>
    /// <exception cref="ModelFormatException">The file is missing, not an ONNX model, or a graph a cut cannot rely on.</exception>
    public static OnnxGraph Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            throw new ModelFormatException(path, "is a folder; give an ONNX model file (.onnx)");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFormatException(path, $"cannot read the model: {e.Message}", e);
        }

        return FromBytes(bytes, path);
    }

    /// <summary>Reads a serialised model.</summary>
    /// <exception cref="ModelFormatException">The bytes are not an ONNX model, or a graph a cut cannot rely on.</exception>
    public static OnnxGraph FromBytes(ReadOnlySpan<byte> bytes, string source)
    {
        if (bytes.IsEmpty)
        {
            throw new ModelFormatException(source, "the file is empty, not an ONNX model");
        }

        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ModelFormatException(source, $"not an ONNX model (truncated or corrupt protobuf: {e.Message})", e);
        }

        return FromModel(model, source);
    }

    /// <summary>Builds the graph of <paramref name="model"/> (which it reorders topologically and names).</summary>
    public static OnnxGraph FromModel(ModelProto model, string source)
    {
        ArgumentNullException.ThrowIfNull(model);
        var graph = model.Graph;
        if (graph is null || graph.Node.Count == 0)
        {
            throw new ModelFormatException(source, "not an ONNX model: it has no graph, or a graph with no nodes");
        }

        if (model.OpsetImport.Count == 0)
        {
            throw new ModelFormatException(source, "not an ONNX model: model.opset_import is empty");
        }

        if (graph.Output.Count == 0)
        {
            throw new ModelFormatException(source, $"graph '{graph.Name}' declares no outputs");
        }

        var initializers = graph.Initializer.Select(i => i.Name).Concat(graph.SparseInitializer.Select(s => s.Values.Name)).ToHashSet(StringComparer.Ordinal);
        var inputs = graph.Input.Select(i => i.Name).Where(n => !initializers.Contains(n)).ToList();
        if (inputs.Count == 0)
        {
            throw new ModelFormatException(source, "the graph has no inputs besides its weights");
        }

        NameNodes(graph);
        var order = TopologicalOrder(graph, inputs, initializers, source);
        var sorted = order.Select(i => graph.Node[i]).ToList();
        graph.Node.Clear();
        graph.Node.AddRange(sorted);

        var nodes = new List<GraphNode>(sorted.Count);
        for (var i = 0; i < sorted.Count; i++)
        {
            var node = sorted[i];
            var reads = ReadsOf(node).Where(t => !initializers.Contains(t)).Distinct().ToList();
            nodes.Add(new GraphNode(i, node.Name, node.OpType, node.Domain, reads, node.Output.Where(o => o.Length > 0).ToList(), HasSubgraph(node)));
        }

        var produced = nodes.SelectMany(n => n.Outputs).Concat(inputs).ToHashSet(StringComparer.Ordinal);
        foreach (var output in graph.Output)
        {
            if (!produced.Contains(output.Name))
            {
                throw new ModelFormatException(source, $"graph output '{output.Name}' is written by no node");
            }
        }

        return new OnnxGraph(source, model, nodes, inputs, graph.Output.Select(o => o.Name).ToList(), initializers);
    }

    // Profiling and extraction address nodes by name: every node gets one, and a unique one.
    private static void NameNodes(GraphProto graph)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < graph.Node.Count; i++)
        {
            var node = graph.Node[i];
            var name = node.Name.Length > 0 ? node.Name : $"{node.OpType}_{i}";
            while (!seen.Add(name))
            {
                name = $"{name}_{i}";
            }

            node.Name = name;
        }
    }

    // What a node reads: its inputs, and what its subgraphs read from the enclosing scope.
    private static IEnumerable<string> ReadsOf(NodeProto node)
    {
        foreach (var input in node.Input)
        {
            if (input.Length > 0)
            {
                yield return input;
            }
        }

        foreach (var sub in Subgraphs(node))
        {
            foreach (var outer in OuterReads(sub))
            {
                yield return outer;
            }
        }
    }

    private static IEnumerable<GraphProto> Subgraphs(NodeProto node) =>
        node.Attribute.SelectMany(a => a.G is { } g ? [g] : a.Graphs.AsEnumerable());

    private static bool HasSubgraph(NodeProto node) => Subgraphs(node).Any();

    private static IEnumerable<string> OuterReads(GraphProto sub)
    {
        var local = sub.Input.Select(i => i.Name).Concat(sub.Initializer.Select(i => i.Name)).Concat(sub.Node.SelectMany(n => n.Output)).ToHashSet(StringComparer.Ordinal);
        return sub.Node.SelectMany(ReadsOf).Where(name => !local.Contains(name));
    }

    private static List<int> TopologicalOrder(GraphProto graph, List<string> inputs, HashSet<string> initializers, string source)
    {
        var producer = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < graph.Node.Count; i++)
        {
            foreach (var output in graph.Node[i].Output.Where(o => o.Length > 0))
            {
                if (!producer.TryAdd(output, i))
                {
                    throw new ModelFormatException(source, $"tensor '{output}' is written by two nodes, '{graph.Node[producer[output]].Name}' and '{graph.Node[i].Name}'");
                }
            }
        }

        var available = inputs.Concat(initializers).ToHashSet(StringComparer.Ordinal);
        var waiting = new int[graph.Node.Count];
        var dependents = new List<int>[graph.Node.Count];
        for (var i = 0; i < graph.Node.Count; i++)
        {
            dependents[i] = [];
        }

        for (var i = 0; i < graph.Node.Count; i++)
        {
            foreach (var read in ReadsOf(graph.Node[i]).Distinct())
            {
                if (available.Contains(read))
                {
                    continue;
                }

                if (!producer.TryGetValue(read, out var from))
                {
                    throw new ModelFormatException(source, $"node '{graph.Node[i].Name}' ({graph.Node[i].OpType}) reads tensor '{read}', which no node, input or initializer provides");
                }

                waiting[i]++;
                dependents[from].Add(i);
            }
        }

        // Kahn's algorithm, taking the lowest index first so the order follows the file's wherever it can.
        var ready = new PriorityQueue<int, int>();
        for (var i = 0; i < waiting.Length; i++)
        {
            if (waiting[i] == 0)
            {
                ready.Enqueue(i, i);
            }
        }

        var order = new List<int>(graph.Node.Count);
        while (ready.TryDequeue(out var next, out _))
        {
            order.Add(next);
            foreach (var dependent in dependents[next])
            {
                if (--waiting[dependent] == 0)
                {
                    ready.Enqueue(dependent, dependent);
                }
            }
        }

        if (order.Count != graph.Node.Count)
        {
            var stuck = Enumerable.Range(0, waiting.Length).First(i => waiting[i] > 0);
            throw new ModelFormatException(source, $"the graph has a cycle through node '{graph.Node[stuck].Name}'");
        }

        return order;
    }
}
