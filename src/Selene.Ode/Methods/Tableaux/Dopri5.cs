namespace Selene.Ode.Methods.Tableaux;

/// <summary>
/// Dormand–Prince 5(4), FSAL, with Hairer's fourth-order continuous extension (Hairer, Nørsett and Wanner,
/// <i>Solving ODEs I</i>, §II.5 and II.6; the <c>dopri5.f</c> dense-output coefficients d).
/// </summary>
internal static class Dopri5
{
    private static readonly double[] s_b = [35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84, 0];
    private static readonly double[] s_bHat = [5179.0 / 57600, 0, 7571.0 / 16695, 393.0 / 640, -92097.0 / 339200, 187.0 / 2100, 1.0 / 40];
    private static readonly double[] s_d =
    [
        -12715105075.0 / 11282082432, 0, 87487479700.0 / 32700410799, -10690763975.0 / 1880347072,
        701980252875.0 / 199316789632, -1453857185.0 / 822651844, 69997945.0 / 29380423,
    ];

    public static ButcherTableau Tableau { get; } = new()
    {
        Name = "dopri5",
        Order = 5,
        EmbeddedOrder = 4,
        Fsal = true,
        C = [0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1, 1],
        A =
        [
            [],
            [1.0 / 5],
            [3.0 / 40, 9.0 / 40],
            [44.0 / 45, -56.0 / 15, 32.0 / 9],
            [19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729],
            [9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656],
            [35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84],
        ],
        B = s_b,
        E = s_b.Zip(s_bHat, (b, bHat) => b - bHat).ToArray(),
        DenseWeights = Weights,
    };

    // Hairer's contd5 written as weights: y(θ) = y₀ + θ·Δ + θ(1−θ)·(hk₁ − Δ) + θ²(1−θ)·(Δ − hk₇ − (hk₁ − Δ))
    // + θ²(1−θ)²·h Σ dᵢkᵢ, with Δ = h Σ bᵢkᵢ.
    private static void Weights(double theta, Span<double> weights)
    {
        var a = theta;
        var b = theta * (1 - theta);
        var c = theta * theta * (1 - theta);
        var d = b * b;
        for (var i = 0; i < 7; i++)
        {
            var first = i == 0 ? 1.0 : 0.0;
            var last = i == 6 ? 1.0 : 0.0;
            weights[i] = (a * s_b[i]) + (b * (first - s_b[i])) + (c * ((2 * s_b[i]) - first - last)) + (d * s_d[i]);
        }
    }
}
