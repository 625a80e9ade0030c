using Google.Protobuf;
using Onnx;
using Selene.Inference.Graph;

namespace Selene.Inference.Extraction;

/// <summary>
/// Writes the two halves of a cut as models of their own: the prefix reads the graph's inputs it needs and outputs
/// the cut tensors (and any graph outputs it produces); the suffix reads the cut tensors and outputs the rest. Each
/// keeps only the weights, value infos and operator sets its own nodes use, as <c>onnx.utils.extract_model</c> does.
/// </summary>
public static class SubModelExtractor
{
    /// <summary>The prefix and suffix of <paramref name="cut"/>; either is null where it would have no nodes.</summary>
    /// <exception cref="ModelFormatException">A tensor crossing the cut has no known type, or is not a tensor.</exception>
    public static SplitModels Extract(Cut cut)
    {
        ArgumentNullException.ThrowIfNull(cut);
        var graph = cut.Graph;
        var declared = Declared(graph.Model.Graph);
        foreach (var tensor in cut.Tensors)
        {
            if (!declared.TryGetValue(tensor, out var info) || info.Type?.TensorType is null || info.Type.TensorType.ElemType == 0)
            {
                throw new ModelFormatException(graph.Source, $"tensor '{tensor}' crosses the cut but the model gives it no tensor type (value_info)");
            }
        }

        var prefixNodes = cut.PrefixNodes;
        var suffixNodes = Enumerable.Range(0, graph.Nodes.Count).Where(i => !cut.InPrefix(i)).ToList();
        var sentByPrefix = cut.Tensors.Where(t => graph.ProducerOf(t) >= 0).ToList();
        var prefix = prefixNodes.Count == 0 ? null : Build(graph, prefixNodes, "prefix",
            graph.Inputs.Where(i => graph.ConsumersOf(i).Any(cut.InPrefix)),
            sentByPrefix.Concat(cut.PrefixOutputs).Distinct(), declared);
        var suffix = suffixNodes.Count == 0 ? null : Build(graph, suffixNodes, "suffix", cut.Tensors, cut.SuffixOutputs, declared);
        return new SplitModels(cut, prefix, suffix);
    }

    /// <summary>The whole model with every tensor its nodes write also a graph output, for profiling.</summary>
    public static byte[] WithEveryTensorOut(OnnxGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var model = graph.Model.Clone();
        var declared = Declared(model.Graph);
        var outputs = model.Graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var node in graph.Nodes)
        {
            foreach (var tensor in node.Outputs.Where(outputs.Add))
            {
                model.Graph.Output.Add(declared.TryGetValue(tensor, out var info) ? info.Clone() : new ValueInfoProto { Name = tensor });
            }
        }

        return model.ToByteArray();
    }

    private static Dictionary<string, ValueInfoProto> Declared(GraphProto graph)
    {
        var declared = new Dictionary<string, ValueInfoProto>(StringComparer.Ordinal);
        foreach (var info in graph.Input.Concat(graph.ValueInfo).Concat(graph.Output))
        {
            declared.TryAdd(info.Name, info);
        }

        return declared;
    }

    private static byte[] Build(OnnxGraph graph, IReadOnlyList<int> nodeIndices, string part, IEnumerable<string> inputs, IEnumerable<string> outputs,
        Dictionary<string, ValueInfoProto> declared)
    {
        var source = graph.Model;
        var nodes = nodeIndices.Select(i => source.Graph.Node[i]).ToList();
        var used = nodes.SelectMany(AllNames).ToHashSet(StringComparer.Ordinal);
        var inputSet = inputs.ToList();
        var outputSet = outputs.ToList();
        var sub = new GraphProto { Name = $"{source.Graph.Name}_{part}", DocString = source.Graph.DocString };
        sub.Node.AddRange(nodes.Select(n => n.Clone()));
        sub.Input.AddRange(inputSet.Select(i => declared[i].Clone()));
        sub.Output.AddRange(outputSet.Select(o => declared.TryGetValue(o, out var info) ? info.Clone() : new ValueInfoProto { Name = o }));
        sub.Initializer.AddRange(source.Graph.Initializer.Where(i => used.Contains(i.Name)).Select(i => i.Clone()));
        sub.SparseInitializer.AddRange(source.Graph.SparseInitializer.Where(s => used.Contains(s.Values.Name)).Select(s => s.Clone()));
        var boundary = inputSet.Concat(outputSet).ToHashSet(StringComparer.Ordinal);
        sub.ValueInfo.AddRange(source.Graph.ValueInfo.Where(v => used.Contains(v.Name) && !boundary.Contains(v.Name)).Select(v => v.Clone()));

        var domains = nodes.SelectMany(Domains).Append(string.Empty).ToHashSet(StringComparer.Ordinal);
        var model = new ModelProto
        {
            IrVersion = source.IrVersion,
            ProducerName = "selene split",
            ProducerVersion = source.ProducerVersion,
            Domain = source.Domain,
            ModelVersion = source.ModelVersion,
            DocString = $"{part} of {Path.GetFileName(graph.Source)}",
            Graph = sub,
        };
        model.OpsetImport.AddRange(source.OpsetImport.Where(o => domains.Contains(o.Domain) || (o.Domain == "ai.onnx" && domains.Contains(string.Empty))).Select(o => o.Clone()));
        model.Functions.AddRange(source.Functions.Where(f => nodes.Any(n => n.OpType == f.Name && n.Domain == f.Domain)).Select(f => f.Clone()));
        return model.ToByteArray();
    }

    // Every name a node touches, inside its subgraphs too (their weights may live in the outer graph).
    private static IEnumerable<string> AllNames(NodeProto node) =>
        node.Input.Concat(node.Output).Concat(node.Attribute.SelectMany(a => a.G is { } g ? [g] : a.Graphs.AsEnumerable()).SelectMany(g => g.Node).SelectMany(AllNames));

    private static IEnumerable<string> Domains(NodeProto node) =>
        node.Attribute.SelectMany(a => a.G is { } g ? [g] : a.Graphs.AsEnumerable()).SelectMany(g => g.Node).SelectMany(Domains).Append(node.Domain);
}
