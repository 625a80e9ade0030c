using Selene.Simulation.Planning;

namespace Selene.Simulation.Tests.Planning;

/// <summary>
/// The plan search on problems whose answer exhaustive search gives: monotone constraints over a grid of decision values
/// with linear costs, as capacity decisions are.
/// </summary>
public sealed class PlanSearchTests
{
    public static TheoryData<string> Problems => [.. s_problems.Keys];

    private static readonly Dictionary<string, (int[] Sizes, Func<int[], bool> Feasible, double[] UnitCosts)> s_problems = new()
    {
        // Along the boundary the cost dips three times (27, 26, 28, 27, 29, 28, 30): the lowest is x = 1, y = 7.
        ["3x + 2y ≥ 17, costs 5 and 3"] = ([10, 10], p => (3 * p[0]) + (2 * p[1]) >= 17, [5, 3]),
        // Bisecting y first lands on (8, 1) at 29; only raising y and lowering x walks to (0, 5) at 25.
        ["x + 2y ≥ 10, costs 3 and 5"] = ([10, 10], p => p[0] + (2 * p[1]) >= 10, [3, 5]),
        ["(x + 1)(y + 1) ≥ 20, costs 2 and 3"] = ([12, 12], p => (p[0] + 1) * (p[1] + 1) >= 20, [2, 3]),
        ["x + y + z ≥ 10 and x ≥ 2, costs 4, 3 and 5"] = ([10, 10, 10], p => p[0] + p[1] + p[2] >= 10 && p[0] >= 2, [4, 3, 5]),
        ["separable: x ≥ 6 and y ≥ 3, costs 1 and 2.5"] = ([8, 6], p => p[0] >= 6 && p[1] >= 3, [1, 2.5]),
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void Finds_the_configuration_exhaustive_search_finds_with_fewer_evaluations(string name)
    {
        var (sizes, feasible, unitCosts) = s_problems[name];
        double Cost(int[] p) => p.Select((v, d) => v * unitCosts[d]).Sum();
        var grid = Grid(sizes);
        var cheapest = grid.Where(feasible).MinBy(Cost)!;

        var asked = new List<int[]>();
        var result = PlanSearch.Run(sizes, Order(sizes, unitCosts), batch =>
        {
            asked.AddRange(batch);
            return batch.Select(p => new SearchPoint(feasible(p), Cost(p))).ToList();
        });

        Assert.NotNull(result.Best);
        Assert.Equal(Cost(cheapest), Cost(result.Best));
        Assert.True(feasible(result.Best));
        Assert.True(asked.Count < grid.Count, $"{asked.Count} evaluations of a {grid.Count}-point grid");
        // Each configuration is asked for once, and the result lists them in the order asked.
        Assert.Equal(asked.Count, asked.Select(p => string.Join(',', p)).Distinct().Count());
        Assert.Equal(asked.Select(p => string.Join(',', p)), result.Evaluated.Select(p => string.Join(',', p)));
    }

    [Fact]
    public void When_even_the_largest_configuration_fails_there_is_no_answer_after_one_evaluation()
    {
        var result = PlanSearch.Run([5, 5], [0, 1], batch => batch.Select(_ => new SearchPoint(false, 1)).ToList());
        Assert.Null(result.Best);
        Assert.Equal([4, 4], Assert.Single(result.Evaluated));
    }

    [Fact]
    public void A_cost_measured_in_the_runs_that_rises_as_a_value_falls_still_gives_the_cheapest_configuration_seen()
    {
        // y is free to lower, but lowering it costs more (as a replica floor can, when the autoscaler starts more later).
        int[] sizes = [6, 4];
        double Cost(int[] p) => (10 * p[0]) - p[1];
        var result = PlanSearch.Run(sizes, [0, 1], batch => batch.Select(p => new SearchPoint(p[0] >= 2, Cost(p))).ToList());
        Assert.Equal([2, 3], result.Best!);
    }

    [Fact]
    public void The_decisions_and_their_order_are_checked()
    {
        Assert.Throws<ArgumentException>(() => PlanSearch.Run([3, 0], [0, 1], b => []));
        Assert.Throws<ArgumentException>(() => PlanSearch.Run([3, 3], [0, 0], b => []));
        Assert.Throws<InvalidOperationException>(() => PlanSearch.Run([3, 3], [0, 1], b => []));
    }

    private static List<int[]> Grid(int[] sizes)
    {
        var grid = new List<int[]> { Array.Empty<int>() };
        foreach (var size in sizes)
        {
            grid = grid.SelectMany(p => Enumerable.Range(0, size).Select(v => p.Append(v).ToArray())).ToList();
        }

        return grid;
    }

    // As the planner orders them: the decision whose values' costs span most first.
    private static int[] Order(int[] sizes, double[] unitCosts) =>
        Enumerable.Range(0, sizes.Length).OrderByDescending(d => unitCosts[d] * (sizes[d] - 1)).ThenBy(d => d).ToArray();
}
