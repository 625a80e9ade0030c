namespace Selene.Simulation.Randomness;

/// <summary>Weibull with shape k and scale λ, by inversion: λ(−ln U)^(1/k). Mean λΓ(1 + 1/k).</summary>
public sealed record WeibullDistribution : IContinuousDistribution
{
    /// <summary>Creates the distribution; shape and scale must be positive.</summary>
    public WeibullDistribution(double shape, double scale)
    {
        if (!(shape > 0) || !(scale > 0) || !double.IsFinite(shape) || !double.IsFinite(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(shape), shape, "shape and scale must be positive");
        }

        Shape = shape;
        Scale = scale;
        Mean = scale * SpecialFunctions.Gamma(1 + (1 / shape));
    }

    /// <summary>Shape k: below 1 a decreasing hazard, 1 exponential, above 1 wear-out.</summary>
    public double Shape { get; }

    /// <summary>Scale λ.</summary>
    public double Scale { get; }

    /// <inheritdoc />
    public double Mean { get; }

    /// <inheritdoc />
    public double Sample(RandomSource stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Scale * Math.Pow(-Math.Log(stream.NextDoubleNonZero()), 1 / Shape);
    }
}
