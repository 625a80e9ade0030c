namespace Selene.Inference.Planning;

/// <summary>Dinic's maximum flow on real capacities; the minimum cut is the source's side of the last residual graph.</summary>
internal sealed class MaxFlow(int vertices)
{
    private readonly List<(int To, int Reverse, double Capacity)>[] _edges = Enumerable.Range(0, vertices).Select(_ => new List<(int, int, double)>()).ToArray();

    /// <summary>Adds an edge of <paramref name="capacity"/> from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public void Add(int from, int to, double capacity)
    {
        _edges[from].Add((to, _edges[to].Count, capacity));
        _edges[to].Add((from, _edges[from].Count - 1, 0));
    }

    /// <summary>The maximum flow from <paramref name="source"/> to <paramref name="sink"/>, and the vertices the source still reaches.</summary>
    public (double Flow, bool[] SourceSide) Solve(int source, int sink)
    {
        var flow = 0.0;
        var level = new int[_edges.Length];
        var next = new int[_edges.Length];
        while (Levels(source, sink, level))
        {
            Array.Clear(next);
            double pushed;
            while ((pushed = Push(source, sink, double.PositiveInfinity, level, next)) > 0)
            {
                flow += pushed;
            }
        }

        Levels(source, sink, level);
        return (flow, level.Select(l => l >= 0).ToArray());
    }

    // A capacity this small is round-off from subtracting flows.
    private static bool Open(double capacity) => capacity > 1e-15;

    private bool Levels(int source, int sink, int[] level)
    {
        Array.Fill(level, -1);
        level[source] = 0;
        var queue = new Queue<int>([source]);
        while (queue.TryDequeue(out var v))
        {
            foreach (var (to, _, capacity) in _edges[v])
            {
                if (level[to] < 0 && Open(capacity))
                {
                    level[to] = level[v] + 1;
                    queue.Enqueue(to);
                }
            }
        }

        return level[sink] >= 0;
    }

    private double Push(int v, int sink, double limit, int[] level, int[] next)
    {
        if (v == sink)
        {
            return limit;
        }

        for (; next[v] < _edges[v].Count; next[v]++)
        {
            var (to, reverse, capacity) = _edges[v][next[v]];
            if (!Open(capacity) || level[to] != level[v] + 1)
            {
                continue;
            }

            var pushed = Push(to, sink, Math.Min(limit, capacity), level, next);
            if (pushed > 0)
            {
                _edges[v][next[v]] = (to, reverse, capacity - pushed);
                var back = _edges[to][reverse];
                _edges[to][reverse] = (back.To, back.Reverse, back.Capacity + pushed);
                return pushed;
            }
        }

        return 0;
    }
}
