using Selene.Ode.Methods;
using Selene.Ode.Problems;
using Selene.Ode.Solutions;

namespace Selene.Ode;

/// <summary>The entry points: <see cref="Solve"/> for full control, <see cref="Odeint"/> shaped like torchdiffeq's.</summary>
public static class Ode
{
    /// <summary>Solves <paramref name="problem"/> with the method called <paramref name="method"/>.</summary>
    /// <param name="problem">The initial-value problem.</param>
    /// <param name="method">euler, midpoint, rk4 (fixed step); bosh3, dopri5, tsit5, dop853 (adaptive); rodas4, bdf (stiff); auto.</param>
    /// <param name="options">Settings; defaults when null.</param>
    /// <exception cref="ArgumentException">An unknown method or an invalid setting.</exception>
    /// <exception cref="OdeSolveException">The solve could not reach the end of the span; the message says where and why.</exception>
    public static OdeSolution Solve(OdeProblem problem, string method = "dopri5", OdeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        options ??= new OdeOptions();
        if (method == Auto)
        {
            options.Validate(problem.System.Dimension, adaptive: true, Auto, problem.T0, problem.T1);
            return SolveAuto(problem, options);
        }

        if (method == "bdf")
        {
            options.Validate(problem.System.Dimension, adaptive: true, method, problem.T0, problem.T1);
            return new Bdf(problem, options).Solve();
        }

        if (MethodRegistry.GetStiff(method) is { } stiff)
        {
            options.Validate(problem.System.Dimension, adaptive: true, stiff.Name, problem.T0, problem.T1);
            return new Rosenbrock(stiff, problem, options).Solve();
        }

        var tableau = MethodRegistry.Get(method);
        options.Validate(problem.System.Dimension, tableau.IsAdaptive, tableau.Name, problem.T0, problem.T1);
        return new ExplicitRungeKutta(tableau, problem, options).Solve();
    }

    /// <summary>The method name that starts with dopri5 and switches to rodas4 when the problem turns stiff.</summary>
    public const string Auto = "auto";

    /// <summary>
    /// dopri5 until its stiffness test (h·λ above 3.25 for 15 steps in a row, as in dopri5.f) fires, then rodas4
    /// from that point to the end, into one solution. The switch is one way: LSODA also switches back.
    /// </summary>
    private static OdeSolution SolveAuto(OdeProblem problem, OdeOptions options)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var explicitMethod = MethodRegistry.Get("dopri5");
        var solution = new OdeSolution(Auto, null, 0, problem.System.Dimension);
        var recorder = new StepRecorder(solution, options, problem.T0, problem.T1, problem.Y0);
        // Both parts record cubic Hermite steps, so one solution interpolates across the switch.
        var explicitRun = new ExplicitRungeKutta(explicitMethod, problem, options, hermiteDenseOutput: true);
        var first = explicitRun.Run(recorder, stopWhenStiff: true, out var switchedAt);
        var total = first;
        if (switchedAt is { } t && !solution.StoppedByEvent)
        {
            var rest = new OdeProblem(problem.System, t, problem.T1, explicitRun.State.ToArray());
            recorder.Restart(t, rest.Y0);
            var second = new Rosenbrock(MethodRegistry.GetStiff("rodas4")!, rest, options).Run(recorder);
            total = new OdeStatistics(first.AcceptedSteps + second.AcceptedSteps, first.RejectedSteps + second.RejectedSteps,
                first.RhsEvaluations + second.RhsEvaluations, second.JacobianEvaluations, second.LuFactorizations, TimeSpan.Zero);
            solution.SwitchedToStiffAt = t;
        }

        solution.Statistics = total with { WallTime = clock.Elapsed };
        return solution;
    }

    /// <summary>
    /// Like torchdiffeq's <c>odeint(func, y0, t)</c>: solves from <c>t[0]</c> and returns the state at every
    /// time in <paramref name="t"/>, one row per time.
    /// </summary>
    public static double[][] Odeint(RightHandSide f, double[] y0, double[] t, string method = "dopri5",
        double rtol = 1e-7, double atol = 1e-9)
    {
        ArgumentNullException.ThrowIfNull(y0);
        ArgumentNullException.ThrowIfNull(t);
        if (t.Length < 2)
        {
            throw new ArgumentException("t needs at least two times", nameof(t));
        }

        var problem = new OdeProblem(new DelegateSystem(y0.Length, f), t[0], t[^1], y0);
        var solution = Solve(problem, method, new OdeOptions
        {
            RelativeTolerance = rtol,
            AbsoluteTolerance = atol,
            OutputTimes = t,
            DenseOutput = false,
        });
        return Enumerable.Range(0, solution.Times.Count).Select(i => solution.State(i).ToArray()).ToArray();
    }
}
