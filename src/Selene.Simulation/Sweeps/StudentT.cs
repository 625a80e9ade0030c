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

    /// <summary>
    /// The mean of <paramref name="samples"/>, their sample standard deviation, and the half-width
    /// t(<paramref name="probability"/>, n − 1) · sd / √n of the interval around the mean; with one sample the last two are NaN.
    /// </summary>
    public static (double Mean, double StandardDeviation, double HalfWidth) Interval(IReadOnlyCollection<double> samples, double probability)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var mean = samples.Average();
        if (samples.Count < 2)
        {
            return (mean, double.NaN, double.NaN);
        }

        var sd = Math.Sqrt(samples.Sum(x => (x - mean) * (x - mean)) / (samples.Count - 1));
        return (mean, sd, Quantile(probability, samples.Count - 1) * sd / Math.Sqrt(samples.Count));
    }
}
