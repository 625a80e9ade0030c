namespace Selene.Simulation.Sweeps;

/// <summary>
/// Two-sided 95% quantiles of Student's t distribution, t(0.975, ν), for a confidence interval over seeds (NIST/SEMATECH
/// e-Handbook of Statistical Methods, table 1.3.6.7.2; ν > 30 from the table's 40, 60, 100 and ∞ rows, interpolated in 1/ν).
/// </summary>
public static class StudentT
{
    private static readonly double[] s_upTo30 =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    private static readonly (double Nu, double T)[] s_beyond = [(30, 2.042), (40, 2.021), (60, 2.000), (100, 1.984), (double.PositiveInfinity, 1.960)];

    /// <summary>t(0.975, <paramref name="degreesOfFreedom"/>).</summary>
    public static double Quantile975(int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        if (degreesOfFreedom <= 30)
        {
            return s_upTo30[degreesOfFreedom - 1];
        }

        var inverse = 1.0 / degreesOfFreedom;
        for (var i = 1; i < s_beyond.Length; i++)
        {
            var (lowNu, lowT) = s_beyond[i - 1];
            var (highNu, highT) = s_beyond[i];
            if (degreesOfFreedom <= highNu)
            {
                var fraction = ((1 / lowNu) - inverse) / ((1 / lowNu) - (1 / highNu));
                return lowT + (fraction * (highT - lowT));
            }
        }

        return 1.960;
    }
}
