namespace Selene.Simulation.Planning;

/// <summary>What the search needs to know of an evaluated configuration.</summary>
/// <param name="Feasible">Whether it meets every constraint.</param>
/// <param name="Cost">What it costs.</param>
public readonly record struct SearchPoint(bool Feasible, double Cost);

/// <summary>Where the search ended: the cheapest feasible configuration it found (null when even the largest fails), and every configuration it evaluated, in order.</summary>
/// <param name="Best">Each decision's value index, or null.</param>
/// <param name="Evaluated">The configurations evaluated, each once, in the order they were asked for.</param>
public sealed record PlanSearchResult(int[]? Best, IReadOnlyList<int[]> Evaluated);

/// <summary>
/// The search for the cheapest configuration that meets the constraints, over decisions whose values run from least to
/// most capacity. It assumes each constraint gets no worse as a decision's value rises, so it starts from the largest
/// configuration; bisects each decision in turn (the one whose values' costs span most first) for the smallest value
/// still feasible with the others held; then searches locally, moving to the cheapest feasible neighbour while one is
/// cheaper: one decision a value lower; one a value lower and another raised as little as keeps it feasible; or one a
/// value higher and another lowered as far as stays feasible (those two found by bisection). The answer is the cheapest
/// feasible configuration evaluated. Configurations are evaluated in batches (the probes of a round together), each once.
/// It is a local search: where the cost along the constraints' boundary has several dips it can stop at one that is not
/// the lowest.
/// </summary>
public sealed class PlanSearch
{
    private readonly int[] _sizes;
    private readonly Func<IReadOnlyList<int[]>, IReadOnlyList<SearchPoint>> _evaluate;
    private readonly Dictionary<string, SearchPoint> _seen = new(StringComparer.Ordinal);
    private readonly List<int[]> _evaluated = [];

    private PlanSearch(int[] sizes, Func<IReadOnlyList<int[]>, IReadOnlyList<SearchPoint>> evaluate)
    {
        _sizes = sizes;
        _evaluate = evaluate;
    }

    /// <summary>
    /// Searches decisions of <paramref name="sizes"/> values each, bisecting them in <paramref name="order"/>;
    /// <paramref name="evaluate"/> is given batches of configurations (value indexes) it has not been given before.
    /// </summary>
    public static PlanSearchResult Run(IReadOnlyList<int> sizes, IReadOnlyList<int> order, Func<IReadOnlyList<int[]>, IReadOnlyList<SearchPoint>> evaluate)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(evaluate);
        if (sizes.Count == 0 || sizes.Any(n => n < 1))
        {
            throw new ArgumentException("every decision needs at least one value", nameof(sizes));
        }

        if (order.Count != sizes.Count || order.Distinct().Count() != sizes.Count || order.Any(d => d < 0 || d >= sizes.Count))
        {
            throw new ArgumentException("the order must name every decision once", nameof(order));
        }

        var search = new PlanSearch([.. sizes], evaluate);
        return new PlanSearchResult(search.Find(order), search._evaluated);
    }

    private int[]? Find(IReadOnlyList<int> order)
    {
        var x = _sizes.Select(n => n - 1).ToArray();
        if (!Evaluate([x])[0].Feasible)
        {
            return null;
        }

        foreach (var d in order)
        {
            x[d] = Bisect([new Bisection(x, d, 0, x[d], HighFeasible: true)])[0]!.Value;
        }

        // Costs measured in the runs need not fall with every value, so the walk starts from the cheapest feasible
        // configuration seen so far.
        x = Cheapest()!;
        var current = _seen[Key(x)];
        while (true)
        {
            var moves = new List<int[]>();
            var pivots = new List<Bisection>();
            for (var d = 0; d < x.Length; d++)
            {
                if (x[d] == 0)
                {
                    continue;
                }

                var lower = With(x, d, x[d] - 1);
                moves.Add(lower);
                for (var e = 0; e < x.Length; e++)
                {
                    if (e != d && x[e] < _sizes[e] - 1)
                    {
                        // d a value lower and e raised as little as keeps it feasible; e a value higher and d lowered as far.
                        pivots.Add(new Bisection(lower, e, x[e] + 1, _sizes[e] - 1, HighFeasible: false));
                        pivots.Add(new Bisection(With(x, e, x[e] + 1), d, 0, x[d] - 1, HighFeasible: false));
                    }
                }
            }

            Evaluate(moves);
            var raised = Bisect(pivots);
            for (var i = 0; i < pivots.Count; i++)
            {
                if (raised[i] is { } value)
                {
                    moves.Add(With(pivots[i].Base, pivots[i].Dimension, value));
                }
            }

            var results = Evaluate(moves);
            var best = -1;
            var tolerance = 1e-9 * Math.Max(1, Math.Abs(current.Cost));
            for (var i = 0; i < moves.Count; i++)
            {
                if (results[i].Feasible && results[i].Cost < current.Cost - tolerance && (best < 0 || results[i].Cost < results[best].Cost))
                {
                    best = i;
                }
            }

            if (best < 0)
            {
                return Cheapest();
            }

            x = moves[best];
            current = results[best];
        }
    }

    // Each bisection finds the smallest value of its dimension in [Low, High] at which its base point is feasible (null
    // when not even High is), assuming feasibility only improves upwards; every bisection's probe of a round is
    // evaluated in one batch.
    private int?[] Bisect(IReadOnlyList<Bisection> problems)
    {
        var low = problems.Select(p => p.Low).ToArray();
        var high = problems.Select(p => p.High).ToArray();
        var known = problems.Select(p => p.HighFeasible).ToArray();
        var result = new int?[problems.Count];
        var done = new bool[problems.Count];
        while (true)
        {
            var probes = new List<(int Problem, int Value)>();
            for (var i = 0; i < problems.Count; i++)
            {
                if (done[i])
                {
                    continue;
                }

                if (!known[i])
                {
                    probes.Add((i, high[i]));
                }
                else if (low[i] >= high[i])
                {
                    result[i] = high[i];
                    done[i] = true;
                }
                else
                {
                    probes.Add((i, (low[i] + high[i]) / 2));
                }
            }

            if (probes.Count == 0)
            {
                return result;
            }

            var points = Evaluate(probes.Select(p => With(problems[p.Problem].Base, problems[p.Problem].Dimension, p.Value)).ToList());
            for (var k = 0; k < probes.Count; k++)
            {
                var (i, value) = probes[k];
                if (!known[i])
                {
                    known[i] = points[k].Feasible;
                    done[i] = !points[k].Feasible;
                }
                else if (points[k].Feasible)
                {
                    high[i] = value;
                }
                else
                {
                    low[i] = value + 1;
                }
            }
        }
    }

    private SearchPoint[] Evaluate(IReadOnlyList<int[]> points)
    {
        var fresh = points.Where(p => !_seen.ContainsKey(Key(p))).DistinctBy(Key).Select(p => (int[])p.Clone()).ToList();
        if (fresh.Count > 0)
        {
            var results = _evaluate(fresh);
            if (results.Count != fresh.Count)
            {
                throw new InvalidOperationException($"asked to evaluate {fresh.Count} configurations, the evaluator returned {results.Count}");
            }

            for (var i = 0; i < fresh.Count; i++)
            {
                _seen[Key(fresh[i])] = results[i];
                _evaluated.Add(fresh[i]);
            }
        }

        return points.Select(p => _seen[Key(p)]).ToArray();
    }

    // The cheapest feasible configuration evaluated, the first evaluated of equals.
    private int[]? Cheapest()
    {
        int[]? best = null;
        foreach (var point in _evaluated)
        {
            var result = _seen[Key(point)];
            if (result.Feasible && (best is null || result.Cost < _seen[Key(best)].Cost))
            {
                best = point;
            }
        }

        return best is null ? null : (int[])best.Clone();
    }

    private static int[] With(int[] point, int dimension, int value)
    {
        var copy = (int[])point.Clone();
        copy[dimension] = value;
        return copy;
    }

    private static string Key(int[] point) => string.Join(',', point);

    private sealed record Bisection(int[] Base, int Dimension, int Low, int High, bool HighFeasible);
}
