namespace Selene.Simulation.Randomness;

/// <summary>A distribution of non-negative real values, such as service times.</summary>
public interface IContinuousDistribution
{
    /// <summary>The distribution's mean.</summary>
    double Mean { get; }

    /// <summary>Draws one value from <paramref name="stream"/>.</summary>
    double Sample(RandomSource stream);
}
