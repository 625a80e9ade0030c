using Selene.Ode.Problems;

namespace Selene.Ode.Methods;

/// <summary>What the stiff methods (and parameterised systems) share: the first step and difference Jacobians.</summary>
internal static class StiffSupport
{
    /// <summary>
    /// A cautious first step: 1 % of the time in which the fastest-changing component moves by its tolerance,
    /// kept within [1e-12, 1e-2] of the span.
    /// </summary>
    public static double InitialStep(ReadOnlySpan<double> y, ReadOnlySpan<double> f0, double[] atol, double[] rtol, double span)
    {
        span = Math.Abs(span);
        var rate = 0.0;
        for (var i = 0; i < y.Length; i++)
        {
            rate = Math.Max(rate, Math.Abs(f0[i]) / (atol[i] + (rtol[i] * Math.Abs(y[i]))));
        }

        var h = rate > 0 ? 0.01 / rate : span * 1e-3;
        return Math.Clamp(h, 1e-12 * Math.Max(span, 1), span * 1e-2);
    }

    /// <summary>
    /// ∂f/∂y by forward differences as in Hairer's codes, δⱼ = √(u · max(1e-5, |yⱼ|)), row-major into
    /// <paramref name="jacobian"/>. <paramref name="y"/> is perturbed one component at a time and restored;
    /// <paramref name="f0"/> is f(t, y); <paramref name="work"/> receives each perturbed f.
    /// </summary>
    public static void ForwardDifferenceJacobian(RightHandSide f, double t, Span<double> y, ReadOnlySpan<double> f0, Span<double> jacobian, Span<double> work)
    {
        var n = y.Length;
        for (var j = 0; j < n; j++)
        {
            var saved = y[j];
            var delta = Math.Sqrt(2.2e-16 * Math.Max(1e-5, Math.Abs(saved)));
            y[j] = saved + delta;
            f(t, y, work);
            y[j] = saved;
            for (var i = 0; i < n; i++)
            {
                jacobian[(i * n) + j] = (work[i] - f0[i]) / delta;
            }
        }
    }
}
