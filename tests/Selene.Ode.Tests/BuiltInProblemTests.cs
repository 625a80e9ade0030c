using Selene.Ode.Problems.BuiltIn;

namespace Selene.Ode.Tests;

public class BuiltInProblemTests
{
    /// <summary>
    /// End states against the references, with the bound as a multiple of rtol. Global error is the local
    /// tolerance amplified by the problem's conditioning: about 1× for Lotka–Volterra and 10× for Pleiades at
    /// rtol 1e-10 (measured), and several thousand for the Arenstorf orbit, whose close lunar passes magnify
    /// every error (measured 4.8e-7 for dopri5 at 1e-10). dop853's combined estimator buys cost with accuracy per
    /// tolerance: on Pleiades at 1e-10 it errs 45× rtol (measured) with 3,826 RHS calls against dopri5's 10× with 6,980.
    /// </summary>
    [Theory]
    [InlineData("lotka-volterra", "dopri5", 1e-10, 10)]
    [InlineData("lotka-volterra", "tsit5", 1e-10, 10)]
    [InlineData("pleiades", "dopri5", 1e-10, 20)]
    [InlineData("pleiades", "tsit5", 1e-10, 20)]
    [InlineData("arenstorf", "dopri5", 1e-10, 1e4)]
    [InlineData("arenstorf", "tsit5", 1e-10, 1e4)]
    [InlineData("lotka-volterra", "dop853", 1e-10, 10)]
    [InlineData("pleiades", "dop853", 1e-10, 60)]
    [InlineData("arenstorf", "dop853", 1e-10, 1e4)]
    [InlineData("lotka-volterra", "dop853", 1e-4, 10)]
    [InlineData("lotka-volterra", "dop853", 1e-6, 10)]
    [InlineData("lotka-volterra", "dop853", 1e-8, 10)]
    public void Non_stiff_problems_end_at_their_published_reference(string name, string method, double rtol, double amplification)
    {
        var problem = BuiltInProblems.Get(name);
        var solution = Ode.Solve(problem.Problem, method, new OdeOptions { RelativeTolerance = rtol, AbsoluteTolerance = rtol * 1e-2 });
        var y = solution.FinalState;
        for (var i = 0; i < problem.Reference.Length; i++)
        {
            // Relative to the component, or to 1 for components near zero (the Arenstorf orbit's y and x′).
            var error = Math.Abs(y[i] - problem.Reference[i]) / Math.Max(Math.Abs(problem.Reference[i]), 1);
            Assert.True(error <= amplification * rtol, $"{name}/{method}: component {i} = {y[i]}, reference {problem.Reference[i]}, error {error:E2}");
        }
    }

    [Fact]
    public void Every_built_in_problem_is_named_and_referenced()
    {
        Assert.Equal(["lotka-volterra", "arenstorf", "pleiades", "rober", "hires", "vdpol", "vdpol-mu1000", "orego"], BuiltInProblems.All.Select(p => p.Name));
        Assert.All(BuiltInProblems.All, p => Assert.True(p.Reference.Length <= p.Problem.System.Dimension && p.Source.Length > 0));
        Assert.Throws<ArgumentException>(() => BuiltInProblems.Get("brusselator"));
    }
}

public class BuiltInJacobianTests
{
    [Theory]
    [InlineData("rober")]
    [InlineData("hires")]
    [InlineData("vdpol")]
    [InlineData("vdpol-mu1000")]
    [InlineData("orego")]
    public void Each_hand_written_Jacobian_matches_central_differences(string name)
    {
        var problem = BuiltInProblems.Get(name).Problem;
        var system = Assert.IsAssignableFrom<Selene.Ode.Problems.IJacobianSystem>(problem.System);
        Assert.True(system.IsAutonomous);
        var n = system.Dimension;
        var y = problem.Y0.Select((v, i) => v + 0.1 + (0.05 * i)).ToArray();
        var analytic = new double[n * n];
        system.Jacobian(0, y, analytic);
        var plus = new double[n];
        var minus = new double[n];
        for (var j = 0; j < n; j++)
        {
            var h = 1e-6 * Math.Max(1, Math.Abs(y[j]));
            var shifted = (double[])y.Clone();
            shifted[j] = y[j] + h;
            system.Rhs(0, shifted, plus);
            shifted[j] = y[j] - h;
            system.Rhs(0, shifted, minus);
            for (var i = 0; i < n; i++)
            {
                var numeric = (plus[i] - minus[i]) / (2 * h);
                Assert.True(Math.Abs(numeric - analytic[(i * n) + j]) <= 1e-5 * Math.Max(1, Math.Abs(numeric)), $"{name} J[{i},{j}]: {analytic[(i * n) + j]} vs {numeric}");
            }
        }
    }
}
