using Selene.Ode.Methods;
using Selene.Ode.Problems;

namespace Selene.Ode.Tests;

public class TableauTests
{
    public static TheoryData<string> Methods => new(MethodRegistry.Names);

    [Theory]
    [MemberData(nameof(Methods))]
    public void Every_row_of_A_sums_to_its_node_and_the_weights_sum_to_one(string name)
    {
        var m = MethodRegistry.Get(name);
        Assert.Equal(m.Stages, m.A.Length);
        Assert.Equal(m.Stages, m.B.Length);
        for (var i = 0; i < m.Stages; i++)
        {
            Assert.Equal(i, m.A[i].Length);
            Assert.Equal(m.C[i], m.A[i].Sum(), 12);
        }

        Assert.Equal(1, m.B.Sum(), 12);
        if (m.E is { } e)
        {
            Assert.Equal(0, e.Sum(), 12); // b and b̂ both sum to one
        }

        if (m.Fsal)
        {
            Assert.Equal(m.B.Take(m.Stages - 1), m.A[^1]);
            Assert.Equal(0, m.B[^1]);
        }
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void A_methods_own_dense_output_starts_at_y0_and_ends_at_the_step_solution(string name)
    {
        var m = MethodRegistry.Get(name);
        if (m.DenseWeights is not { } dense)
        {
            return;
        }

        var w = new double[m.Stages];
        dense(0, w);
        Assert.All(w, x => Assert.Equal(0, x, 12));
        dense(1, w);
        for (var i = 0; i < m.Stages; i++)
        {
            Assert.Equal(m.B[i], w[i], 10);
        }
    }

    [Theory]
    [InlineData("euler", 1)]
    [InlineData("midpoint", 2)]
    [InlineData("rk4", 4)]
    [InlineData("bosh3", 3)]
    [InlineData("dopri5", 5)]
    [InlineData("tsit5", 5)]
    [InlineData("dop853", 8)]
    public void Each_method_converges_at_its_order_on_a_problem_with_an_exact_solution(string name, int order)
    {
        // Fixed steps h and h/2 on the oscillator to t = 2: the error ratio is 2^p.
        var m = MethodRegistry.Get(name) with { E = null };
        double ErrorWithSteps(int steps)
        {
            var problem = new OdeProblem(TestSystems.Oscillator, 0, 2, [1, 0]);
            var solution = new ExplicitRungeKutta(m, problem, new OdeOptions { FixedStep = 2.0 / steps, DenseOutput = false }).Solve();
            var y = solution.FinalState;
            return Math.Sqrt(Math.Pow(y[0] - Math.Cos(2), 2) + Math.Pow(y[1] + Math.Sin(2), 2));
        }

        // Step counts keep the finer error well above round-off for every order.
        var coarse = ErrorWithSteps(order >= 8 ? 8 : order >= 4 ? 20 : 200);
        var fine = ErrorWithSteps(order >= 8 ? 16 : order >= 4 ? 40 : 400);
        var observed = Math.Log2(coarse / fine);
        Assert.InRange(observed, order - 0.15, order + 0.6);
    }
}
