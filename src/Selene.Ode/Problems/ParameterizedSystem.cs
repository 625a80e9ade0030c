namespace Selene.Ode.Problems;

/// <summary>f(t, y, p) written against explicit parameters.</summary>
public delegate void ParameterizedRhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dydt);

/// <summary>∂f/∂y (n × n) or ∂f/∂p (n × m), row-major, at (t, y, p).</summary>
public delegate void ParameterizedJacobian(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> jacobian);

/// <summary>
/// A system with named parameters, so gradients can be taken with respect to them. Analytic ∂f/∂y and ∂f/∂p
/// are used when given; otherwise forward differences stand in.
/// </summary>
public sealed class ParameterizedSystem : IJacobianSystem
{
    private readonly ParameterizedRhs _rhs;
    private readonly double[] _work;

    /// <summary>Creates the system with its parameter values.</summary>
    public ParameterizedSystem(int dimension, double[] parameters, ParameterizedRhs rhs,
        ParameterizedJacobian? stateJacobian = null, ParameterizedJacobian? parameterJacobian = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Dimension = dimension;
        Parameters = parameters;
        _rhs = rhs;
        StateJacobian = stateJacobian;
        ParameterJacobian = parameterJacobian;
        _work = new double[dimension];
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <summary>The parameter values the system runs with.</summary>
    public double[] Parameters { get; }

    /// <summary>Analytic ∂f/∂y, if given.</summary>
    public ParameterizedJacobian? StateJacobian { get; }

    /// <summary>Analytic ∂f/∂p, if given.</summary>
    public ParameterizedJacobian? ParameterJacobian { get; }

    /// <summary>The same system with other parameter values.</summary>
    public ParameterizedSystem WithParameters(double[] parameters) => new(Dimension, parameters, _rhs, StateJacobian, ParameterJacobian);

    /// <inheritdoc />
    public void Rhs(double t, ReadOnlySpan<double> y, Span<double> dydt) => _rhs(t, y, Parameters, dydt);

    /// <summary>f at explicit parameters.</summary>
    public void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dydt) => _rhs(t, y, p, dydt);

    /// <inheritdoc />
    public void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian)
    {
        if (StateJacobian is { } analytic)
        {
            analytic(t, y, Parameters, jacobian);
            return;
        }

        Span<double> shifted = y.Length <= 64 ? stackalloc double[y.Length] : new double[y.Length];
        Span<double> f0 = Dimension <= 64 ? stackalloc double[Dimension] : new double[Dimension];
        y.CopyTo(shifted);
        _rhs(t, y, Parameters, f0);
        Methods.StiffSupport.ForwardDifferenceJacobian(Rhs, t, shifted, f0, jacobian, _work);
    }

    /// <summary>Writes ∂f/∂p (n × m, row-major) at (t, y).</summary>
    public void ParameterDerivatives(double t, ReadOnlySpan<double> y, Span<double> jacobian)
    {
        var m = Parameters.Length;
        if (ParameterJacobian is { } analytic)
        {
            analytic(t, y, Parameters, jacobian);
            return;
        }

        Span<double> f0 = Dimension <= 64 ? stackalloc double[Dimension] : new double[Dimension];
        Span<double> p = m <= 64 ? stackalloc double[m] : new double[m];
        Parameters.CopyTo(p);
        _rhs(t, y, p, f0);
        for (var k = 0; k < m; k++)
        {
            var delta = Math.Sqrt(2.2e-16) * Math.Max(1, Math.Abs(p[k]));
            p[k] = Parameters[k] + delta;
            _rhs(t, y, p, _work);
            p[k] = Parameters[k];
            for (var i = 0; i < Dimension; i++)
            {
                jacobian[(i * m) + k] = (_work[i] - f0[i]) / delta;
            }
        }
    }
}
