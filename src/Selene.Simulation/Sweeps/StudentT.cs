namespace Selene.Simulation.Sweeps;

/// <summary>Quantiles of Student's t distribution, for confidence intervals and bounds over seeds.</summary>
public static class StudentT
{
    /// <summary>t(<paramref name="probability"/>, <paramref name="degreesOfFreedom"/>): the value below which that share of the distribution lies.</summary>
    public static double Quantile(double probability, int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(probability, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(probability, 1);
        return MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, degreesOfFreedom, probability);
    }
}
