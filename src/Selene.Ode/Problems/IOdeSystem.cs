namespace Selene.Ode.Problems;

/// <summary>
/// A system of ordinary differential equations y′ = f(t, y). Parameters live in the implementing object, so
/// the right-hand side allocates nothing.
/// </summary>
public interface IOdeSystem
{
    /// <summary>Number of states.</summary>
    int Dimension { get; }

    /// <summary>Writes f(t, y) into <paramref name="dydt"/>.</summary>
    void Rhs(double t, ReadOnlySpan<double> y, Span<double> dydt);

    /// <summary>True when f does not depend on t, so stiff methods can skip ∂f/∂t. Default false.</summary>
    bool IsAutonomous => false;
}

/// <summary>A right-hand side as a delegate, for <see cref="Ode.Odeint"/> and quick experiments.</summary>
public delegate void RightHandSide(double t, ReadOnlySpan<double> y, Span<double> dydt);

/// <summary>Adapts a <see cref="RightHandSide"/> delegate to <see cref="IOdeSystem"/>.</summary>
public sealed class DelegateSystem(int dimension, RightHandSide rhs, bool autonomous = false) : IOdeSystem
{
    /// <inheritdoc />
    public int Dimension { get; } = dimension;

    /// <inheritdoc />
    public bool IsAutonomous { get; } = autonomous;

    /// <inheritdoc />
    public void Rhs(double t, ReadOnlySpan<double> y, Span<double> dydt) => rhs(t, y, dydt);
}

/// <summary>Writes ∂f/∂y at (t, y) row-major into the span.</summary>
public delegate void JacobianFunction(double t, ReadOnlySpan<double> y, Span<double> jacobian);

/// <summary>Adapts a right-hand side and its Jacobian, both delegates, to <see cref="IJacobianSystem"/>.</summary>
public sealed class DelegateJacobianSystem(int dimension, RightHandSide rhs, JacobianFunction jacobianFunction, bool autonomous = false) : IJacobianSystem
{
    /// <inheritdoc />
    public int Dimension { get; } = dimension;

    /// <inheritdoc />
    public bool IsAutonomous { get; } = autonomous;

    /// <inheritdoc />
    public void Rhs(double t, ReadOnlySpan<double> y, Span<double> dydt) => rhs(t, y, dydt);

    /// <inheritdoc />
    public void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian) => jacobianFunction(t, y, jacobian);
}
