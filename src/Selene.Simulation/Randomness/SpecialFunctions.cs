namespace Selene.Simulation.Randomness;

/// <summary>The few special functions the distributions need.</summary>
internal static class SpecialFunctions
{
    // Stirling's series for ln Γ(z): (z − ½) ln z − z + ½ ln 2π + Σ B₂ₖ / (2k(2k − 1) z^(2k−1)), with the
    // Bernoulli-number coefficients 1/12, −1/360, 1/1260, −1/1680, 1/1188, −691/360360, 1/156
    // (Abramowitz and Stegun 6.1.40). For z ≥ 15 the first omitted term is below 1e-17.
    private static readonly double[] s_stirling =
        [1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188, -691.0 / 360360, 1.0 / 156];

    private const double ShiftTo = 15;

    /// <summary>ln Γ(x) for x &gt; 0.</summary>
    public static double LogGamma(double x)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(x);

        // Γ(x) = Γ(x + n) / (x (x + 1) ⋯ (x + n − 1)) moves small arguments into the series' range.
        var shift = 0.0;
        while (x < ShiftTo)
        {
            shift += Math.Log(x);
            x += 1;
        }

        var inverse = 1 / x;
        var inverseSquared = inverse * inverse;
        var series = 0.0;
        var power = inverse;
        foreach (var coefficient in s_stirling)
        {
            series += coefficient * power;
            power *= inverseSquared;
        }

        return ((x - 0.5) * Math.Log(x)) - x + (0.5 * Math.Log(2 * Math.PI)) + series - shift;
    }

    /// <summary>Γ(x) for x &gt; 0.</summary>
    public static double Gamma(double x) => Math.Exp(LogGamma(x));
}
