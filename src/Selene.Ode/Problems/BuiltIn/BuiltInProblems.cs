namespace Selene.Ode.Problems.BuiltIn;

/// <summary>
/// The standard test problems, defined as in the Test Set for IVP Solvers (Mazzia et al., Bari) and Hairer's
/// test set, with the reference end states collected in the project's ODE anchors.
/// </summary>
public static class BuiltInProblems
{
    private static readonly BuiltInProblem[] s_all =
    [
        new("lotka-volterra",
            new OdeProblem(new DelegateSystem(2, (t, y, dy) =>
            {
                dy[0] = (1.5 * y[0]) - (y[0] * y[1]);
                dy[1] = (-3 * y[1]) + (y[0] * y[1]);
            }), 0, 10, [1, 1]),
            [1.02634476757, 0.90969107814], false,
            "DP5 at 1e-13 and RK4 at h = 2.5e-4 agreeing to ~1e-12; p = (1.5, 1, 3, 1) as in CVODES cvsLotkaVolterra_ASA"),
        new("arenstorf",
            new OdeProblem(new DelegateSystem(4, Arenstorf), 0, 17.0652165601579625588917206249, [0.994, 0, 0, -2.00158510637908252240537862224]),
            [0.994, 0, 0, -2.00158510637908252240537862224], false,
            "periodic orbit: returns to its start after one period (Hairer, Nørsett and Wanner I, §II.0)"),
        new("pleiades",
            new OdeProblem(new DelegateSystem(28, Pleiades), 0, 3,
                [3, 3, -1, -3, 2, -2, 2, 3, -3, 2, 0, 0, -4, 4, 0, 0, 0, 0, 0, 1.75, -1.5, 0, 0, 0, -1.25, 1, 0, 0]),
            [0.3706139143970502, 3.237284092057233, -3.222559032418324], false,
            "Test Set for IVP Solvers (PSIDE, tol 1e-16); first three components"),
        new("rober",
            new OdeProblem(new DelegateJacobianSystem(3, (t, y, dy) =>
            {
                dy[0] = (-0.04 * y[0]) + (1e4 * y[1] * y[2]);
                dy[2] = 3e7 * y[1] * y[1];
                dy[1] = -dy[0] - dy[2];
            }, (t, y, j) =>
            {
                j[0] = -0.04;
                j[1] = 1e4 * y[2];
                j[2] = 1e4 * y[1];
                j[6] = 0;
                j[7] = 6e7 * y[1];
                j[8] = 0;
                j[3] = -j[0] - j[6];
                j[4] = -j[1] - j[7];
                j[5] = -j[2] - j[8];
            }, autonomous: true), 0, 1e11, [1, 0, 0]),
            [0.2083340149701255e-7, 0.8333360770334713e-13, 0.9999999791665050], true,
            "Test Set for IVP Solvers"),
        new("hires",
            new OdeProblem(new DelegateJacobianSystem(8, Hires, HiresJacobian, autonomous: true), 0, 321.8122, [1, 0, 0, 0, 0, 0, 0, 0.0057]),
            [0.7371312573325668e-3, 0.1442485726316185e-3, 0.5888729740967575e-4, 0.1175651343283149e-2,
             0.2386356198831331e-2, 0.6238968252742796e-2, 0.2849998395185769e-2, 0.2850001604814231e-2], true,
            "Test Set for IVP Solvers (RADAU5, tol 1.1e-18)"),
        new("vdpol",
            new OdeProblem(new DelegateJacobianSystem(2, (t, y, dy) =>
            {
                dy[0] = y[1];
                dy[1] = (((1 - (y[0] * y[0])) * y[1]) - y[0]) / 1e-6;
            }, (t, y, j) =>
            {
                j[0] = 0;
                j[1] = 1;
                j[2] = ((-2 * y[0] * y[1]) - 1) / 1e-6;
                j[3] = (1 - (y[0] * y[0])) / 1e-6;
            }, autonomous: true), 0, 2, [2, 0]),
            [1.706167732170483, -0.8928097010247975], true,
            "Hairer's test set, ε = 1e-6"),
        new("vdpol-mu1000",
            new OdeProblem(new DelegateJacobianSystem(2, (t, y, dy) =>
            {
                dy[0] = y[1];
                dy[1] = (1e3 * (1 - (y[0] * y[0])) * y[1]) - y[0];
            }, (t, y, j) =>
            {
                j[0] = 0;
                j[1] = 1;
                j[2] = (-2e3 * y[0] * y[1]) - 1;
                j[3] = 1e3 * (1 - (y[0] * y[0]));
            }, autonomous: true), 0, 2000, [2, 0]),
            [0.1706167732170469e1, -0.8928097010248125e-3], true,
            "Test Set for IVP Solvers (VDPOLM)"),
        new("orego",
            new OdeProblem(new DelegateJacobianSystem(3, (t, y, dy) =>
            {
                dy[0] = 77.27 * (y[1] + (y[0] * (1 - (8.375e-6 * y[0]) - y[1])));
                dy[1] = (y[2] - ((1 + y[0]) * y[1])) / 77.27;
                dy[2] = 0.161 * (y[0] - y[2]);
            }, (t, y, j) =>
            {
                j[0] = 77.27 * (1 - (2 * 8.375e-6 * y[0]) - y[1]);
                j[1] = 77.27 * (1 - y[0]);
                j[2] = 0;
                j[3] = -y[1] / 77.27;
                j[4] = -(1 + y[0]) / 77.27;
                j[5] = 1 / 77.27;
                j[6] = 0.161;
                j[7] = 0;
                j[8] = -0.161;
            }, autonomous: true), 0, 360, [1, 2, 3]),
            [1.000814870318523, 1228.178521549917, 132.0554942846706], true,
            "Test Set for IVP Solvers"),
    ];

    /// <summary>Every built-in problem.</summary>
    public static IReadOnlyList<BuiltInProblem> All => s_all;

    /// <summary>The problem called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No problem has that name.</exception>
    public static BuiltInProblem Get(string name) =>
        s_all.FirstOrDefault(p => p.Name == name)
        ?? throw new ArgumentException($"unknown problem '{name}'; problems are {string.Join(", ", s_all.Select(p => p.Name))}", nameof(name));

    private static void Arenstorf(double t, ReadOnlySpan<double> y, Span<double> dy)
    {
        const double mu = 0.012277471;
        const double mup = 1 - mu;
        var r1 = ((y[0] + mu) * (y[0] + mu)) + (y[1] * y[1]);
        var r2 = ((y[0] - mup) * (y[0] - mup)) + (y[1] * y[1]);
        var d1 = r1 * Math.Sqrt(r1);
        var d2 = r2 * Math.Sqrt(r2);
        dy[0] = y[2];
        dy[1] = y[3];
        dy[2] = y[0] + (2 * y[3]) - (mup * (y[0] + mu) / d1) - (mu * (y[0] - mup) / d2);
        dy[3] = y[1] - (2 * y[2]) - (mup * y[1] / d1) - (mu * y[1] / d2);
    }

    // Seven bodies of masses 1 … 7 in the plane: states x₁…₇, y₁…₇, x′₁…₇, y′₁…₇. Each pair is visited once:
    // the pull of j on i and of i on j share the same 1/r³.
    private static void Pleiades(double t, ReadOnlySpan<double> y, Span<double> dy)
    {
        y.Slice(14, 14).CopyTo(dy[..14]);
        var acceleration = dy[14..];
        acceleration.Clear();
        for (var i = 0; i < 7; i++)
        {
            for (var j = i + 1; j < 7; j++)
            {
                var dx = y[j] - y[i];
                var dyy = y[7 + j] - y[7 + i];
                var r2 = (dx * dx) + (dyy * dyy);
                var inverseR3 = 1 / (r2 * Math.Sqrt(r2));
                var fx = dx * inverseR3;
                var fy = dyy * inverseR3;
                acceleration[i] += (j + 1) * fx;
                acceleration[7 + i] += (j + 1) * fy;
                acceleration[j] -= (i + 1) * fx;
                acceleration[7 + j] -= (i + 1) * fy;
            }
        }
    }

    private static void HiresJacobian(double t, ReadOnlySpan<double> y, Span<double> j)
    {
        j.Clear();
        j[0] = -1.71; j[1] = 0.43; j[2] = 8.32;
        j[8] = 1.71; j[9] = -8.75;
        j[18] = -10.03; j[19] = 0.43; j[20] = 0.035;
        j[25] = 8.32; j[26] = 1.71; j[27] = -1.12;
        j[36] = -1.745; j[37] = 0.43; j[38] = 0.43;
        j[43] = 0.69; j[44] = 1.71; j[45] = -0.43 - (280 * y[7]); j[46] = 0.69; j[47] = -280 * y[5];
        j[53] = 280 * y[7]; j[54] = -1.81; j[55] = 280 * y[5];
        j[61] = -j[53]; j[62] = -j[54]; j[63] = -j[55];
    }

    private static void Hires(double t, ReadOnlySpan<double> y, Span<double> dy)
    {
        dy[0] = (-1.71 * y[0]) + (0.43 * y[1]) + (8.32 * y[2]) + 0.0007;
        dy[1] = (1.71 * y[0]) - (8.75 * y[1]);
        dy[2] = (-10.03 * y[2]) + (0.43 * y[3]) + (0.035 * y[4]);
        dy[3] = (8.32 * y[1]) + (1.71 * y[2]) - (1.12 * y[3]);
        dy[4] = (-1.745 * y[4]) + (0.43 * y[5]) + (0.43 * y[6]);
        dy[5] = (-280 * y[5] * y[7]) + (0.69 * y[3]) + (1.71 * y[4]) - (0.43 * y[5]) + (0.69 * y[6]);
        dy[6] = (280 * y[5] * y[7]) - (1.81 * y[6]);
        dy[7] = -dy[6];
    }
}
