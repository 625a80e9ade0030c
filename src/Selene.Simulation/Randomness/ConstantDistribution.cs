namespace Selene.Simulation.Randomness;

/// <summary>Always the same value: deterministic service, as in an M/D/c queue.</summary>
/// <param name="Value">The value every sample takes.</param>
public sealed record ConstantDistribution(double Value) : IContinuousDistribution
{
    /// <inheritdoc />
    public double Mean => Value;

    /// <inheritdoc />
    public double Sample(RandomSource stream) => Value;
}
