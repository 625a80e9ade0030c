namespace Selene.Inference.Graph;

/// <summary>
/// A split of a graph: the prefix (a set of nodes closed under their inputs' producers, run on the side the
/// request starts on) and the suffix (the rest, run across the link). The tensors it sends are those the prefix
/// or the request provides and the suffix reads; weights stay on both sides.
/// </summary>
public sealed class Cut
{
    private readonly ulong[] _prefix;

    internal Cut(OnnxGraph graph, ulong[] prefix)
    {
        _prefix = prefix;
        Graph = graph;
        PrefixNodes = Enumerable.Range(0, graph.Nodes.Count).Where(InPrefix).ToList();
        var sent = new List<string>();
        foreach (var tensor in graph.Inputs.Concat(PrefixNodes.SelectMany(n => graph.Nodes[n].Outputs)))
        {
            if (graph.ConsumersOf(tensor).Any(c => !InPrefix(c)))
            {
                sent.Add(tensor);
            }
        }

        Tensors = sent;
        PrefixOutputs = graph.Outputs.Where(o => graph.ProducerOf(o) is var p && p >= 0 && InPrefix(p)).ToList();
        SuffixOutputs = graph.Outputs.Where(o => graph.ProducerOf(o) is var p && p >= 0 && !InPrefix(p)).ToList();
    }

    /// <summary>The graph cut.</summary>
    public OnnxGraph Graph { get; }

    /// <summary>Indices of the prefix's nodes, in topological order.</summary>
    public IReadOnlyList<int> PrefixNodes { get; }

    /// <summary>The tensors sent across the link, in the order the prefix produces them (graph inputs first).</summary>
    public IReadOnlyList<string> Tensors { get; }

    /// <summary>Graph outputs the prefix produces.</summary>
    public IReadOnlyList<string> PrefixOutputs { get; }

    /// <summary>Graph outputs the suffix produces.</summary>
    public IReadOnlyList<string> SuffixOutputs { get; }

    /// <summary>Whether everything runs on the request's side.</summary>
    public bool AllInPrefix => PrefixNodes.Count == Graph.Nodes.Count;

    /// <summary>Whether everything runs across the link.</summary>
    public bool AllInSuffix => PrefixNodes.Count == 0;

    /// <summary>Whether node <paramref name="index"/> runs in the prefix.</summary>
    public bool InPrefix(int index) => (_prefix[index >> 6] & (1UL << (index & 63))) != 0;

    /// <summary>A short name: where the prefix ends, or all on one side.</summary>
    public string Label => AllInPrefix ? "all in prefix" : AllInSuffix ? "all in suffix" : string.Join(" + ", Tensors);

    /// <summary>The cut whose prefix is <paramref name="prefixNodes"/>.</summary>
    /// <exception cref="ArgumentException">A prefix node reads a tensor the suffix writes.</exception>
    public static Cut Of(OnnxGraph graph, IEnumerable<int> prefixNodes)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(prefixNodes);
        var bits = new ulong[(graph.Nodes.Count + 63) >> 6];
        foreach (var node in prefixNodes)
        {
            bits[node >> 6] |= 1UL << (node & 63);
        }

        var cut = new Cut(graph, bits);
        foreach (var node in cut.PrefixNodes)
        {
            var late = graph.Nodes[node].Inputs.FirstOrDefault(t => graph.ProducerOf(t) is var p && p >= 0 && !cut.InPrefix(p));
            if (late is not null)
            {
                throw new ArgumentException($"node '{graph.Nodes[node].Name}' is in the prefix but reads '{late}', which the suffix writes");
            }
        }

        var partners = FusedPairs.Partners(graph);
        for (var node = 0; node < partners.Length; node++)
        {
            if (partners[node] >= 0 && cut.InPrefix(node) != cut.InPrefix(partners[node]))
            {
                throw new ArgumentException($"the cut parts '{graph.Nodes[node].Name}' ({graph.Nodes[node].OpType}) from '{graph.Nodes[partners[node]].Name}' ({graph.Nodes[partners[node]].OpType}), which run fused");
            }
        }

        return cut;
    }

    /// <summary>The cut whose prefix ends with the producer of <paramref name="tensor"/> and everything it needs.</summary>
    /// <exception cref="ArgumentException">No node writes <paramref name="tensor"/>.</exception>
    public static Cut After(OnnxGraph graph, string tensor) => Before(graph, [tensor]);

    /// <summary>The cut that sends exactly <paramref name="tensors"/>: its prefix is what they need.</summary>
    /// <exception cref="ArgumentException">A name is no tensor of the graph, or the prefix they need sends others too.</exception>
    public static Cut Across(OnnxGraph graph, IReadOnlyCollection<string> tensors)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(tensors);
        var cut = Before(graph, tensors.Where(t => graph.ProducerOf(t) >= 0 || !graph.Inputs.Contains(t)));
        var extra = cut.Tensors.Except(tensors).ToList();
        var missing = tensors.Except(cut.Tensors).ToList();
        return extra.Count == 0 && missing.Count == 0 ? cut
            : throw new ArgumentException(extra.Count > 0
                ? $"not a cut: the prefix these tensors need also sends {string.Join(", ", extra)}"
                : $"not a cut: nothing after the prefix reads {string.Join(", ", missing)}");
    }

    private static Cut Before(OnnxGraph graph, IEnumerable<string> tensors)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var producers = tensors.Select(t => graph.ProducerOf(t) is var p && p >= 0 ? p : throw new ArgumentException($"no node of the graph writes tensor '{t}'")).ToList();
        var needed = new HashSet<int>();
        var stack = new Stack<int>(producers);
        while (stack.TryPop(out var node))
        {
            if (needed.Add(node))
            {
                foreach (var input in graph.Nodes[node].Inputs)
                {
                    if (graph.ProducerOf(input) is var p && p >= 0)
                    {
                        stack.Push(p);
                    }
                }
            }
        }

        // A fused pair stays together: the cut falls after its second node.
        var partners = FusedPairs.Partners(graph);
        foreach (var node in needed.ToList())
        {
            for (var next = partners[node]; next >= 0; next = partners[next])
            {
                needed.Add(next);
            }
        }

        return Of(graph, needed);
    }

    /// <inheritdoc />
    public override string ToString() => Label;
}
