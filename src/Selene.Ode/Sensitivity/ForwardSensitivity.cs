using Selene.Ode.Problems;
using Selene.Ode.Solutions;

namespace Selene.Ode.Sensitivity;

/// <summary>The end state of a solve and its derivatives with respect to the initial state and the parameters.</summary>
/// <param name="State">y(t₁).</param>
/// <param name="WithRespectToInitialState">∂y(t₁)/∂y₀, n × n, row-major.</param>
/// <param name="WithRespectToParameters">∂y(t₁)/∂p, n × m, row-major.</param>
/// <param name="Solution">The solve of the augmented system.</param>
public sealed record SensitivityResult(double[] State, double[] WithRespectToInitialState, double[] WithRespectToParameters, OdeSolution Solution)
{
    /// <summary>
    /// The gradient of a loss on y(t₁) by the chain rule, given ∂L/∂y(t₁): returns (∂L/∂y₀, ∂L/∂p).
    /// </summary>
    public (double[] InitialState, double[] Parameters) Gradient(ReadOnlySpan<double> lossGradient)
    {
        var n = State.Length;
        var m = WithRespectToParameters.Length / n;
        var dy0 = new double[n];
        var dp = new double[m];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                dy0[j] += lossGradient[i] * WithRespectToInitialState[(i * n) + j];
            }

            for (var k = 0; k < m; k++)
            {
                dp[k] += lossGradient[i] * WithRespectToParameters[(i * m) + k];
            }
        }

        return (dy0, dp);
    }
}

/// <summary>
/// Forward sensitivities: the system is augmented with S = ∂y/∂(y₀, p), which obeys S′ = J S + [0 | ∂f/∂p] with
/// S(t₀) = [I | 0], and the whole is solved with full error control (the "simultaneous corrector" of CVODES).
/// Cost grows with the number of parameters; exact when the system gives ∂f/∂y and ∂f/∂p.
/// </summary>
public static class ForwardSensitivity
{
    /// <summary>Solves <paramref name="system"/> from (<paramref name="t0"/>, <paramref name="y0"/>) to <paramref name="t1"/> with sensitivities.</summary>
    public static SensitivityResult Solve(ParameterizedSystem system, double t0, double t1, double[] y0, string method = "dopri5", OdeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        var solution = Ode.Solve(Augment(system, t0, t1, y0), method, options);
        return Split(system, solution.FinalState, solution);
    }

    /// <summary>The state and its sensitivities at each of <paramref name="times"/> (increasing, after <paramref name="t0"/>).</summary>
    public static IReadOnlyList<SensitivityResult> SolveAt(ParameterizedSystem system, double t0, IReadOnlyList<double> times, double[] y0,
        string method = "dopri5", OdeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(times);
        options ??= new OdeOptions();
        var solution = Ode.Solve(Augment(system, t0, times[^1], y0), method, new OdeOptions
        {
            RelativeTolerance = options.RelativeTolerance,
            AbsoluteTolerance = options.AbsoluteTolerance,
            MaxSteps = options.MaxSteps,
            DenseOutput = false,
            OutputTimes = times,
        });
        return Enumerable.Range(0, solution.Times.Count).Select(i => Split(system, solution.State(i).ToArray(), solution)).ToList();
    }

    private static OdeProblem Augment(ParameterizedSystem system, double t0, double t1, double[] y0)
    {
        ArgumentNullException.ThrowIfNull(y0);
        var n = system.Dimension;
        var columns = n + system.Parameters.Length;
        var augmented = new double[n * (1 + columns)];
        y0.CopyTo(augmented, 0);
        for (var j = 0; j < n; j++)
        {
            augmented[n + (j * columns) + j] = 1; // S(t₀) = [I | 0], row-major n × (n + m)
        }

        return new OdeProblem(new AugmentedSystem(system), t0, t1, augmented);
    }

    private static SensitivityResult Split(ParameterizedSystem system, double[] end, OdeSolution solution)
    {
        var n = system.Dimension;
        var m = system.Parameters.Length;
        var columns = n + m;
        var state = end[..n];
        var byState = new double[n * n];
        var byParameters = new double[n * m];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                byState[(i * n) + j] = end[n + (i * columns) + j];
            }

            for (var k = 0; k < m; k++)
            {
                byParameters[(i * m) + k] = end[n + (i * columns) + n + k];
            }
        }

        return new SensitivityResult(state, byState, byParameters, solution);
    }

    private sealed class AugmentedSystem(ParameterizedSystem system) : IOdeSystem
    {
        private readonly int _n = system.Dimension;
        private readonly int _m = system.Parameters.Length;
        private readonly double[] _jacobian = new double[system.Dimension * system.Dimension];
        private readonly double[] _parameterJacobian = new double[system.Dimension * system.Parameters.Length];

        public int Dimension => _n * (1 + _n + _m);

        public void Rhs(double t, ReadOnlySpan<double> y, Span<double> dydt)
        {
            var n = _n;
            var columns = n + _m;
            var state = y[..n];
            system.Rhs(t, state, dydt[..n]);
            system.Jacobian(t, state, _jacobian);
            system.ParameterDerivatives(t, state, _parameterJacobian);
            var s = y[n..];
            var ds = dydt[n..];
            for (var i = 0; i < n; i++)
            {
                for (var c = 0; c < columns; c++)
                {
                    var sum = c >= n ? _parameterJacobian[(i * _m) + (c - n)] : 0;
                    for (var k = 0; k < n; k++)
                    {
                        sum += _jacobian[(i * n) + k] * s[(k * columns) + c];
                    }

                    ds[(i * columns) + c] = sum;
                }
            }
        }
    }
}
