using Selene.Ode.Problems;

namespace Selene.Ode.Tests;

/// <summary>Small systems with known solutions or published references.</summary>
internal static class TestSystems
{
    /// <summary>y₁′ = y₂, y₂′ = −y₁: y = (cos t, −sin t) from (1, 0).</summary>
    public static IOdeSystem Oscillator { get; } = new DelegateSystem(2, (t, y, dy) =>
    {
        dy[0] = y[1];
        dy[1] = -y[0];
    });

    /// <summary>Lotka–Volterra with p = (1.5, 1, 3, 1) (CVODES cvsLotkaVolterra_ASA).</summary>
    public static IOdeSystem LotkaVolterra { get; } = new DelegateSystem(2, (t, y, dy) =>
    {
        dy[0] = (1.5 * y[0]) - (1 * y[0] * y[1]);
        dy[1] = (-3 * y[1]) + (1 * y[0] * y[1]);
    });

    /// <summary>u(10) of Lotka–Volterra from (1, 1), agreed by DP5 at 1e-13 and RK4 at h = 2.5e-4 to ~1e-12 (ode-anchors A18).</summary>
    public static readonly double[] LotkaVolterraAt10 = [1.02634476757, 0.90969107814];

    /// <summary>The restricted three-body Arenstorf orbit (Hairer, Nørsett and Wanner I, §II.0), periodic with period T.</summary>
    public static IOdeSystem Arenstorf { get; } = new DelegateSystem(4, (t, y, dy) =>
    {
        const double mu = 0.012277471;
        const double mup = 1 - mu;
        var d1 = Math.Pow(((y[0] + mu) * (y[0] + mu)) + (y[1] * y[1]), 1.5);
        var d2 = Math.Pow(((y[0] - mup) * (y[0] - mup)) + (y[1] * y[1]), 1.5);
        dy[0] = y[2];
        dy[1] = y[3];
        dy[2] = y[0] + (2 * y[3]) - (mup * (y[0] + mu) / d1) - (mu * (y[0] - mup) / d2);
        dy[3] = y[1] - (2 * y[2]) - (mup * y[1] / d1) - (mu * y[1] / d2);
    });

    public const double ArenstorfPeriod = 17.0652165601579625588917206249;

    public static readonly double[] ArenstorfStart = [0.994, 0, 0, -2.00158510637908252240537862224];

    /// <summary>Robertson's stiff chemical kinetics (ROBER).</summary>
    public static IOdeSystem Rober { get; } = new DelegateSystem(3, (t, y, dy) =>
    {
        dy[0] = (-0.04 * y[0]) + (1e4 * y[1] * y[2]);
        dy[2] = 3e7 * y[1] * y[1];
        dy[1] = -dy[0] - dy[2];
    });
}
