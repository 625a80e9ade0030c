namespace Selene.Simulation.Randomness;

/// <summary>
/// Poisson counts with mean λ. Below λ = 10 by inversion (sequential search of the CDF); above, Hörmann's
/// PTRS transformed rejection ("The transformed rejection method for generating Poisson random variables",
/// Insurance: Mathematics and Economics 12, 1993), as NumPy does, in O(1) expected time.
/// </summary>
public sealed record PoissonDistribution
{
    private const double InversionLimit = 10;

    /// <summary>Creates the distribution; <paramref name="mean"/> must be non-negative and finite.</summary>
    public PoissonDistribution(double mean)
    {
        if (!(mean >= 0) || !double.IsFinite(mean))
        {
            throw new ArgumentOutOfRangeException(nameof(mean), mean, "mean must be non-negative and finite");
        }

        Mean = mean;
    }

    /// <summary>λ, the mean (and variance).</summary>
    public double Mean { get; }

    /// <summary>Draws one count.</summary>
    public long Sample(RandomSource stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Mean < InversionLimit ? Inversion(stream) : TransformedRejection(stream);
    }

    private long Inversion(RandomSource stream)
    {
        var probability = Math.Exp(-Mean);
        var cumulative = probability;
        var u = stream.NextDouble();
        long k = 0;
        while (u > cumulative && probability > 0)
        {
            k++;
            probability *= Mean / k;
            cumulative += probability;
        }

        return k;
    }

    private long TransformedRejection(RandomSource stream)
    {
        var lam = Mean;
        var slam = Math.Sqrt(lam);
        var logLam = Math.Log(lam);
        var b = 0.931 + (2.53 * slam);
        var a = -0.059 + (0.02483 * b);
        var invAlpha = 1.1239 + (1.1328 / (b - 3.4));
        var vr = 0.9277 - (3.6224 / (b - 2));
        while (true)
        {
            var u = stream.NextDouble() - 0.5;
            var v = stream.NextDouble();
            var us = 0.5 - Math.Abs(u);
            var k = Math.Floor((((2 * a / us) + b) * u) + lam + 0.43);
            if (us >= 0.07 && v <= vr)
            {
                return (long)k;
            }

            if (k < 0 || (us < 0.013 && v > us))
            {
                continue;
            }

            if (Math.Log(v) + Math.Log(invAlpha) - Math.Log((a / (us * us)) + b)
                <= -lam + (k * logLam) - SpecialFunctions.LogGamma(k + 1))
            {
                return (long)k;
            }
        }
    }
}
