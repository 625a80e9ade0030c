namespace Selene.Simulation.Randomness;

/// <summary>Log-normal: exp(μ + σZ) with Z standard normal. Mean exp(μ + σ²/2).</summary>
public sealed record LogNormalDistribution : IContinuousDistribution
{
    /// <summary>Creates the distribution from the parameters of the underlying normal.</summary>
    public LogNormalDistribution(double mu, double sigma)
    {
        if (!double.IsFinite(mu) || !(sigma >= 0) || !double.IsFinite(sigma))
        {
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "mu must be finite and sigma non-negative");
        }

        Mu = mu;
        Sigma = sigma;
        Mean = Math.Exp(mu + (sigma * sigma / 2));
    }

    /// <summary>Mean of the underlying normal.</summary>
    public double Mu { get; }

    /// <summary>Standard deviation of the underlying normal.</summary>
    public double Sigma { get; }

    /// <inheritdoc />
    public double Mean { get; }

    /// <summary>The log-normal with the given mean and coefficient of variation (standard deviation / mean).</summary>
    public static LogNormalDistribution FromMeanAndCv(double mean, double cv)
    {
        var sigma2 = Math.Log(1 + (cv * cv));
        return new LogNormalDistribution(Math.Log(mean) - (sigma2 / 2), Math.Sqrt(sigma2));
    }

    /// <inheritdoc />
    public double Sample(RandomSource stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Math.Exp(Mu + (Sigma * stream.NextStandardNormal()));
    }
}
