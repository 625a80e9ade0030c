using Selene.Ode.Problems;
using Selene.Ode.Solutions;

namespace Selene.Ode.Tests;

public class SolveTests
{
    [Theory]
    [InlineData(1e-6, 614, 644, 2e-5)]
    [InlineData(1e-8, 1274, 1358, 8e-8)]
    public void Dopri5_on_Lotka_Volterra_costs_and_errs_as_Hairers_controller_does(double tolerance, int minRhs, int maxRhs, double maxError)
    {
        // ode-anchors A19: DP5 with rtol = atol on [0, 10]: 614–644 RHS calls and error 1.5–2e-5 at 1e-6;
        // 1274–1358 calls and 3–8e-8 at 1e-8 (the range spans Hairer's PI and an I controller).
        var problem = new OdeProblem(TestSystems.LotkaVolterra, 0, 10, [1, 1]);
        var solution = Ode.Solve(problem, "dopri5", new OdeOptions { RelativeTolerance = tolerance, AbsoluteTolerance = tolerance });
        Assert.InRange(solution.Statistics.RhsEvaluations, minRhs, maxRhs);
        var error = solution.FinalState.Zip(TestSystems.LotkaVolterraAt10, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(error <= maxError, $"error {error:E2}");
    }

    [Theory]
    [InlineData("dopri5", 1e-10)]
    [InlineData("tsit5", 1e-10)]
    [InlineData("tsit5", 1e-9)]
    public void At_tight_tolerances_Lotka_Volterra_at_t_10_matches_the_reference_within_ten_times_the_tolerance(string method, double rtol)
    {
        var problem = new OdeProblem(TestSystems.LotkaVolterra, 0, 10, [1, 1]);
        var solution = Ode.Solve(problem, method, new OdeOptions { RelativeTolerance = rtol, AbsoluteTolerance = rtol * 1e-2 });
        var y = solution.FinalState;
        for (var i = 0; i < 2; i++)
        {
            // The reference itself is good to about 1e-11.
            var relative = Math.Abs(y[i] - TestSystems.LotkaVolterraAt10[i]) / TestSystems.LotkaVolterraAt10[i];
            Assert.True(relative <= Math.Max(10 * rtol, 2e-11), $"{method} at rtol {rtol}: component {i} off by {relative:E2}");
        }

        Assert.Equal(0, solution.Statistics.JacobianEvaluations);
    }

    [Theory]
    [InlineData("dopri5")]
    [InlineData("tsit5")]
    public void The_Arenstorf_orbit_closes_after_one_period(string method)
    {
        var problem = new OdeProblem(TestSystems.Arenstorf, 0, TestSystems.ArenstorfPeriod, TestSystems.ArenstorfStart);
        var solution = Ode.Solve(problem, method, new OdeOptions { RelativeTolerance = 1e-10, AbsoluteTolerance = 1e-12 });
        var y = solution.FinalState;
        Assert.True(Math.Abs(y[0] - 0.994) < 1e-6 && Math.Abs(y[1]) < 1e-6, $"{method}: ended at ({y[0]}, {y[1]})");
    }

    [Theory]
    [InlineData("dopri5", 2e-7)]
    [InlineData("tsit5", 2e-7)]
    [InlineData("bosh3", 5e-6)]
    [InlineData("rk4", 1e-6)]
    public void Dense_output_is_accurate_between_steps(string method, double tolerance)
    {
        var problem = new OdeProblem(TestSystems.Oscillator, 0, 10, [1, 0]);
        var options = method == "rk4" ? new OdeOptions { FixedStep = 0.01 } : new OdeOptions { RelativeTolerance = 1e-8, AbsoluteTolerance = 1e-10 };
        var solution = Ode.Solve(problem, method, options);
        Span<double> y = stackalloc double[2];
        for (var t = 0.0; t <= 10; t += 0.0371)
        {
            solution.Evaluate(t, y);
            Assert.True(Math.Abs(y[0] - Math.Cos(t)) < tolerance && Math.Abs(y[1] + Math.Sin(t)) < tolerance, $"at t = {t}: ({y[0]}, {y[1]})");
        }
    }

    [Fact]
    public void Output_times_are_reported_exactly_and_integration_may_run_backwards()
    {
        var problem = new OdeProblem(TestSystems.Oscillator, 0, -3, [1, 0]);
        double[] times = [0, -0.5, -1, -3];
        var solution = Ode.Solve(problem, "dopri5", new OdeOptions { OutputTimes = times, RelativeTolerance = 1e-10, AbsoluteTolerance = 1e-12 });
        Assert.Equal(times, solution.Times);
        for (var i = 0; i < times.Length; i++)
        {
            Assert.Equal(Math.Cos(times[i]), solution.State(i)[0], 8);
            Assert.Equal(-Math.Sin(times[i]), solution.State(i)[1], 8);
        }
    }

    [Fact]
    public void Odeint_returns_one_row_per_requested_time()
    {
        var t = Enumerable.Range(0, 11).Select(i => i * 0.5).ToArray();
        var rows = Ode.Odeint((time, y, dy) => dy[0] = -y[0], [1.0], t);
        Assert.Equal(11, rows.Length);
        for (var i = 0; i < t.Length; i++)
        {
            Assert.Equal(Math.Exp(-t[i]), rows[i][0], 7);
        }
    }

    [Fact]
    public void The_macrohard_seed_example_ends_at_the_exact_solution()
    {
        // dy/dt = (−0.1, 0.05, 0.2) ⊙ y, y(0) = (1, 0, 0), 100 points on [0, 10]: y(10) = (e^−1, 0, 0).
        var rates = new[] { -0.1, 0.05, 0.2 };
        var t = Enumerable.Range(0, 100).Select(i => i * 10.0 / 99).ToArray();
        var rows = Ode.Odeint((time, y, dy) =>
        {
            for (var i = 0; i < 3; i++)
            {
                dy[i] = rates[i] * y[i];
            }
        }, [1.0, 0, 0], t, rtol: 1e-12, atol: 1e-14);
        Assert.Equal(100, rows.Length);
        Assert.True(Math.Abs(rows[^1][0] - Math.Exp(-1)) < 1e-9, $"{rows[^1][0]} vs {Math.Exp(-1)}");
        Assert.Equal(0, rows[^1][1]);
        Assert.Equal(0, rows[^1][2]);
    }

    [Fact]
    public void An_explicit_method_on_ROBER_stops_at_the_step_limit_with_a_stiffness_hint()
    {
        var problem = new OdeProblem(TestSystems.Rober, 0, 1e11, [1, 0, 0]);
        var error = Assert.Throws<OdeSolveException>(() => Ode.Solve(problem, "dopri5", new OdeOptions { MaxSteps = 20_000, RelativeTolerance = 1e-4, AbsoluteTolerance = 1e-8 }));
        Assert.Equal(OdeFailure.MaxStepsReached, error.Failure);
        Assert.True(error.StiffnessSuspected);
        Assert.Contains("stiff", error.Message, StringComparison.Ordinal);
        Assert.Contains("t = ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_NaN_from_the_right_hand_side_is_a_clear_error_naming_the_time()
    {
        var system = new DelegateSystem(1, (t, y, dy) => dy[0] = t < 1 ? -y[0] : double.NaN);
        var error = Assert.Throws<OdeSolveException>(() => Ode.Solve(new OdeProblem(system, 0, 2, [1]), "dopri5"));
        Assert.Equal(OdeFailure.NonFiniteDerivative, error.Failure);
        Assert.InRange(error.Time, 0.9, 1.0);
        Assert.Contains("NaN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_solution_that_blows_up_stops_with_a_step_size_underflow()
    {
        // y′ = y², y(0) = 1 blows up at t = 1.
        var system = new DelegateSystem(1, (t, y, dy) => dy[0] = y[0] * y[0]);
        var error = Assert.Throws<OdeSolveException>(() => Ode.Solve(new OdeProblem(system, 0, 2, [1]), "dopri5"));
        Assert.InRange(error.Time, 0.99, 1.001);
    }

    public static TheoryData<string, Func<OdeProblem>> BadProblems => new()
    {
        { "a zero-length span", () => new OdeProblem(TestSystems.Oscillator, 1, 1, [1, 0]) },
        { "a state of the wrong size", () => new OdeProblem(TestSystems.Oscillator, 0, 1, [1]) },
        { "a NaN in the initial state", () => new OdeProblem(TestSystems.Oscillator, 0, 1, [double.NaN, 0]) },
        { "an infinite end time", () => new OdeProblem(TestSystems.Oscillator, 0, double.PositiveInfinity, [1, 0]) },
    };

    [Theory]
    [MemberData(nameof(BadProblems))]
    public void A_bad_problem_is_refused(string because, Func<OdeProblem> create) =>
        Assert.True(Record.Exception(create) is ArgumentException, because);

    public static TheoryData<string, string, OdeOptions> BadOptions => new()
    {
        { "a negative tolerance", "dopri5", new OdeOptions { RelativeTolerance = -1 } },
        { "tolerances for the wrong number of states", "dopri5", new OdeOptions { AbsoluteTolerances = [1e-6] } },
        { "a fixed step for an adaptive method", "dopri5", new OdeOptions { FixedStep = 0.1 } },
        { "an initial step for a fixed-step method", "rk4", new OdeOptions { InitialStep = 0.1 } },
        { "output times outside the span", "dopri5", new OdeOptions { OutputTimes = [0, 5] } },
        { "output times out of order", "dopri5", new OdeOptions { OutputTimes = [0.5, 0.2] } },
        { "an unknown method", "rk45", new OdeOptions() },
        { "a growth limit below one", "dopri5", new OdeOptions { MaxFactor = 0.5 } },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Invalid_settings_are_errors_before_the_solve_starts(string because, string method, OdeOptions options)
    {
        var problem = new OdeProblem(TestSystems.Oscillator, 0, 1, [1, 0]);
        Assert.True(Record.Exception(() => Ode.Solve(problem, method, options)) is ArgumentException, because);
    }
}
