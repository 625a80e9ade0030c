namespace Selene.Ode.Problems;

/// <summary>A system that can give its Jacobian ∂f/∂y exactly; stiff methods use it instead of finite differences.</summary>
public interface IJacobianSystem : IOdeSystem
{
    /// <summary>Writes ∂fᵢ/∂yⱼ at (t, y) into <paramref name="jacobian"/>, row-major (row i, column j at i·n + j).</summary>
    void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian);
}
