namespace Selene.Inference.Graph;

/// <summary>
/// Every valid cut of a graph: every prefix closed under its inputs' producers, from the empty one (all across the
/// link) to the whole graph (nothing sent). A chain of n nodes has n + 1; each branch of a residual block multiplies
/// the cuts inside that block, not the graph's. Nodes with subgraphs (If, Loop, Scan) are whole: no cut enters them;
/// nor does one part a fused pair (<see cref="FusedPairs"/>).
/// </summary>
public static class CutEnumerator
{
    /// <summary>Default bound on the number of cuts listed.</summary>
    public const int DefaultLimit = 100_000;

    /// <summary>All cuts of <paramref name="graph"/>, by prefix size and then in discovery order.</summary>
    /// <exception cref="InvalidOperationException">The graph has more than <paramref name="limit"/> cuts.</exception>
    public static IReadOnlyList<Cut> All(OnnxGraph graph, int limit = DefaultLimit)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var n = graph.Nodes.Count;
        var words = (n + 63) >> 6;

        // Node i may join a prefix once every node it reads from is in it; a fused pair joins together.
        var predecessors = graph.Nodes.Select(node => node.Inputs.Select(graph.ProducerOf).Where(p => p >= 0).Distinct().ToArray()).ToArray();
        var partners = FusedPairs.Partners(graph);
        var fusedInto = new bool[n];
        foreach (var partner in partners.Where(p => p >= 0))
        {
            fusedInto[partner] = true;
        }

        // Breadth-first over prefixes, one node added at a time: each prefix of size k + 1 comes from one of size k.
        var seen = new HashSet<ulong[]>(BitsComparer.Instance);
        var level = new List<ulong[]> { new ulong[words] };
        seen.Add(level[0]);
        var cuts = new List<Cut>();
        while (level.Count > 0)
        {
            var next = new List<ulong[]>();
            foreach (var prefix in level)
            {
                cuts.Add(new Cut(graph, prefix));
                if (cuts.Count > limit)
                {
                    throw new InvalidOperationException($"{graph.Source}: more than {limit} valid cuts; name the cut, or plan with the minimum cut alone");
                }

                for (var i = 0; i < n; i++)
                {
                    if (fusedInto[i] || Has(prefix, i) || !predecessors[i].All(p => Has(prefix, p)))
                    {
                        continue;
                    }

                    var grown = (ulong[])prefix.Clone();
                    for (var j = i; j >= 0; j = partners[j])
                    {
                        grown[j >> 6] |= 1UL << (j & 63);
                    }

                    if (seen.Add(grown))
                    {
                        next.Add(grown);
                    }
                }
            }

            level = next;
        }

        return cuts;
    }

    private static bool Has(ulong[] bits, int i) => (bits[i >> 6] & (1UL << (i & 63))) != 0;

    private sealed class BitsComparer : IEqualityComparer<ulong[]>
    {
        public static BitsComparer Instance { get; } = new();

        public bool Equals(ulong[]? x, ulong[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(ulong[] obj)
        {
            var hash = new HashCode();
            foreach (var word in obj)
            {
                hash.Add(word);
            }

            return hash.ToHashCode();
        }
    }
}
