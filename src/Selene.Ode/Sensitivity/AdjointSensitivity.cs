using Selene.Ode.Problems;
using Selene.Ode.Solutions;

namespace Selene.Ode.Sensitivity;

/// <summary>
/// Continuous adjoint sensitivities for a loss on the final state, with checkpointing: the forward solve keeps
/// the state at every <c>checkpointEvery</c>-th step only; going backwards, each segment between checkpoints is
/// re-solved forward with dense output and the adjoint λ′ = −Jᵀλ, μ′ = −(∂f/∂p)ᵀλ is integrated backwards over
/// it, from λ(t₁) = ∂L/∂y(t₁), μ(t₁) = 0. At t₀, λ = ∂L/∂y₀ and μ = ∂L/∂p. Memory grows with the number of
/// checkpoints, not of steps; cost does not grow with the number of parameters as forward sensitivities' does.
/// </summary>
public static class AdjointSensitivity
{
    /// <summary>∂L/∂y₀ and ∂L/∂p for L(y(t₁)), given ∂L/∂y(t₁) as a function of y(t₁).</summary>
    public static (double[] State, double[] InitialState, double[] Parameters, int Checkpoints) Gradient(
        ParameterizedSystem system, double t0, double t1, double[] y0, Func<double[], double[]> lossGradient,
        string method = "dopri5", OdeOptions? options = null, int checkpointEvery = 5)
    {
        ArgumentNullException.ThrowIfNull(lossGradient);
        return GradientAtTimes(system, t0, [t1], y0, (_, y) => lossGradient(y), method, options, checkpointEvery);
    }

    /// <summary>
    /// ∂L/∂y₀ and ∂L/∂p for a loss on the states at several increasing <paramref name="times"/> (the last is the
    /// end of the solve): going backwards, λ jumps by ∂L/∂y(tᵢ) at each of them.
    /// </summary>
    /// <param name="system">The model.</param>
    /// <param name="t0">Start time.</param>
    /// <param name="times">Observation times, increasing, after <paramref name="t0"/>.</param>
    /// <param name="y0">Initial state.</param>
    /// <param name="lossGradient">∂L/∂y(tᵢ) given i and y(tᵢ).</param>
    /// <param name="method">Method for the forward and backward solves.</param>
    /// <param name="options">Tolerances and limits.</param>
    /// <param name="checkpointEvery">Forward steps between kept states.</param>
    public static (double[] State, double[] InitialState, double[] Parameters, int Checkpoints) GradientAtTimes(
        ParameterizedSystem system, double t0, IReadOnlyList<double> times, double[] y0, Func<int, double[], double[]> lossGradient,
        string method = "dopri5", OdeOptions? options = null, int checkpointEvery = 5)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(lossGradient);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(checkpointEvery);
        options ??= new OdeOptions();
        var n = system.Dimension;
        var m = system.Parameters.Length;
        var t1 = times[^1];

        var forward = Ode.Solve(new OdeProblem(system, t0, t1, y0), method, Copy(options, dense: false));
        var checkpoints = new List<(double T, double[] Y)>();
        for (var i = 0; i < forward.Times.Count; i += checkpointEvery)
        {
            checkpoints.Add((forward.Times[i], forward.State(i).ToArray()));
        }

        if (checkpoints[^1].T != forward.Times[^1])
        {
            checkpoints.Add((forward.Times[^1], forward.FinalState));
        }

        var final = forward.FinalState;
        var adjoint = new double[n + m];
        var observation = times.Count - 1;
        var y = new double[n];
        for (var segment = checkpoints.Count - 2; segment >= 0; segment--)
        {
            var (start, state) = checkpoints[segment];
            var end = checkpoints[segment + 1].T;
            var trajectory = Ode.Solve(new OdeProblem(system, start, end, state), method, Copy(options, dense: true));
            var adjointSystem = new AdjointSystem(system, trajectory);
            var from = end;
            // Observations in (start, end]: integrate back to each, add its gradient, go on.
            while (observation >= 0 && times[observation] > start)
            {
                var at = times[observation];
                if (at < from)
                {
                    adjoint = Ode.Solve(new OdeProblem(adjointSystem, from, at, adjoint), method, Copy(options, dense: false)).FinalState;
                    from = at;
                }

                trajectory.Evaluate(at, y);
                var jump = lossGradient(observation, (double[])y.Clone());
                for (var i = 0; i < n; i++)
                {
                    adjoint[i] += jump[i];
                }

                observation--;
            }

            if (from > start)
            {
                adjoint = Ode.Solve(new OdeProblem(adjointSystem, from, start, adjoint), method, Copy(options, dense: false)).FinalState;
            }
        }

        return (final, adjoint[..n], adjoint[n..], checkpoints.Count);
    }

    private static OdeOptions Copy(OdeOptions o, bool dense) => new()
    {
        RelativeTolerance = o.RelativeTolerance,
        AbsoluteTolerance = o.AbsoluteTolerance,
        MaxSteps = o.MaxSteps,
        MaxStep = o.MaxStep,
        DenseOutput = dense,
    };

    /// <summary>[λ; μ]′ = [−Jᵀλ; −(∂f/∂p)ᵀλ] along the forward trajectory's interpolant.</summary>
    private sealed class AdjointSystem(ParameterizedSystem system, OdeSolution trajectory) : IOdeSystem
    {
        private readonly int _n = system.Dimension;
        private readonly int _m = system.Parameters.Length;
        private readonly double[] _y = new double[system.Dimension];
        private readonly double[] _jacobian = new double[system.Dimension * system.Dimension];
        private readonly double[] _parameterJacobian = new double[system.Dimension * system.Parameters.Length];

        public int Dimension => _n + _m;

        public void Rhs(double t, ReadOnlySpan<double> y, Span<double> dydt)
        {
            trajectory.Evaluate(t, _y);
            system.Jacobian(t, _y, _jacobian);
            system.ParameterDerivatives(t, _y, _parameterJacobian);
            var lambda = y[.._n];
            for (var j = 0; j < _n; j++)
            {
                var sum = 0.0;
                for (var i = 0; i < _n; i++)
                {
                    sum += _jacobian[(i * _n) + j] * lambda[i];
                }

                dydt[j] = -sum;
            }

            for (var k = 0; k < _m; k++)
            {
                var sum = 0.0;
                for (var i = 0; i < _n; i++)
                {
                    sum += _parameterJacobian[(i * _m) + k] * lambda[i];
                }

                dydt[_n + k] = -sum;
            }
        }
    }
}
