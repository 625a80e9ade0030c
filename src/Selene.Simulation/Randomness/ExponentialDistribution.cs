namespace Selene.Simulation.Randomness;

/// <summary>Exponential with rate λ (mean 1/λ): a standard exponential from the ziggurat, divided by λ.</summary>
public sealed record ExponentialDistribution : IContinuousDistribution
{
    /// <summary>Creates the distribution; <paramref name="rate"/> must be positive and finite.</summary>
    public ExponentialDistribution(double rate)
    {
        if (!(rate > 0) || !double.IsFinite(rate))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "rate must be positive and finite");
        }

        Rate = rate;
    }

    /// <summary>Events per unit time.</summary>
    public double Rate { get; }

    /// <inheritdoc />
    public double Mean => 1 / Rate;

    /// <summary>The exponential distribution with the given mean.</summary>
    public static ExponentialDistribution WithMean(double mean) => new(1 / mean);

    /// <inheritdoc />
    public double Sample(RandomSource stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return stream.NextStandardExponential() / Rate;
    }
}
