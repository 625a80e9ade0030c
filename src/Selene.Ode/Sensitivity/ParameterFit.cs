using Selene.Ode.LinearAlgebra;
using Selene.Ode.Problems;

namespace Selene.Ode.Sensitivity;

/// <summary>The outcome of a fit.</summary>
/// <param name="Parameters">The fitted parameters.</param>
/// <param name="Cost">Half the sum of squared residuals at the fit.</param>
/// <param name="InitialCost">The same at the starting guess.</param>
/// <param name="Iterations">Iterations taken.</param>
public sealed record FitResult(double[] Parameters, double Cost, double InitialCost, int Iterations);

/// <summary>
/// Fits a system's parameters to observed states by Levenberg–Marquardt (Marquardt's diagonal scaling), with
/// the residuals' Jacobian taken from forward sensitivities rather than from finite differences of solves.
/// </summary>
public static class ParameterFit
{
    /// <summary>Fits the parameters of <paramref name="system"/> (its current values are the first guess).</summary>
    /// <param name="system">The model.</param>
    /// <param name="t0">Start time.</param>
    /// <param name="y0">Known initial state.</param>
    /// <param name="times">Observation times, increasing, after <paramref name="t0"/>.</param>
    /// <param name="observations">Observed states, one row per time.</param>
    /// <param name="maxIterations">Iteration limit.</param>
    public static FitResult LevenbergMarquardt(ParameterizedSystem system, double t0, double[] y0, IReadOnlyList<double> times,
        IReadOnlyList<double[]> observations, int maxIterations = 50)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(observations);
        var n = system.Dimension;
        var m = system.Parameters.Length;
        var options = new OdeOptions { RelativeTolerance = 1e-9, AbsoluteTolerance = 1e-11 };
        var p = (double[])system.Parameters.Clone();
        var lambda = 1e-3;
        var (cost, jtj, jtr) = Normal(system.WithParameters(p), t0, y0, times, observations, options);
        var initial = cost;
        var lu = new DenseLu(m);
        var iteration = 0;
        for (; iteration < maxIterations; iteration++)
        {
            var improved = false;
            while (lambda < 1e10)
            {
                var a = lu.Matrix;
                for (var i = 0; i < m * m; i++)
                {
                    a[i] = jtj[i];
                }

                for (var i = 0; i < m; i++)
                {
                    a[(i * m) + i] *= 1 + lambda;
                }

                var step = jtr.Select(v => -v).ToArray();
                if (!lu.Factorize())
                {
                    lambda *= 10;
                    continue;
                }

                lu.Solve(step);
                var trial = p.Zip(step, (x, d) => x + d).ToArray();
                double trialCost;
                double[] trialJtj, trialJtr;
                try
                {
                    (trialCost, trialJtj, trialJtr) = Normal(system.WithParameters(trial), t0, y0, times, observations, options);
                }
                catch (Solutions.OdeSolveException)
                {
                    trialCost = double.PositiveInfinity;
                    trialJtj = jtj;
                    trialJtr = jtr;
                }

                if (trialCost < cost)
                {
                    var relativeDrop = (cost - trialCost) / cost;
                    (p, cost, jtj, jtr) = (trial, trialCost, trialJtj, trialJtr);
                    lambda = Math.Max(lambda / 10, 1e-12);
                    improved = relativeDrop > 1e-12;
                    break;
                }

                lambda *= 10;
            }

            if (!improved)
            {
                break;
            }
        }

        return new FitResult(p, cost, initial, iteration);
    }

    // Cost ½‖r‖², JᵀJ and Jᵀr, with r the model minus the observations and J = ∂r/∂p from the sensitivities.
    private static (double Cost, double[] JtJ, double[] JtR) Normal(ParameterizedSystem system, double t0, double[] y0,
        IReadOnlyList<double> times, IReadOnlyList<double[]> observations, OdeOptions options)
    {
        var n = system.Dimension;
        var m = system.Parameters.Length;
        var results = ForwardSensitivity.SolveAt(system, t0, times, y0, "dopri5", options);
        var jtj = new double[m * m];
        var jtr = new double[m];
        var cost = 0.0;
        for (var s = 0; s < results.Count; s++)
        {
            for (var i = 0; i < n; i++)
            {
                var r = results[s].State[i] - observations[s][i];
                cost += r * r / 2;
                for (var a = 0; a < m; a++)
                {
                    var ja = results[s].WithRespectToParameters[(i * m) + a];
                    jtr[a] += ja * r;
                    for (var b = 0; b < m; b++)
                    {
                        jtj[(a * m) + b] += ja * results[s].WithRespectToParameters[(i * m) + b];
                    }
                }
            }
        }

        return (cost, jtj, jtr);
    }
}
