using Selene.Simulation.Randomness;

namespace Selene.Simulation.Tests.Randomness;

/// <summary>
/// Each distribution's sample mean and variance against the closed forms, within 4.5 standard errors
/// (a fixed seed; the bound fails for a wrong formula, not by chance).
/// </summary>
public class DistributionTests
{
    private const int Samples = 400_000;

    public static TheoryData<string, IContinuousDistribution, double, double> Continuous => new()
    {
        { "exponential, rate 2", new ExponentialDistribution(2), 0.5, 0.25 },
        { "exponential with mean 3", ExponentialDistribution.WithMean(3), 3, 9 },
        // Log-normal: mean exp(μ+σ²/2), variance (exp(σ²)−1)·exp(2μ+σ²).
        { "log-normal μ=0 σ=0.5", new LogNormalDistribution(0, 0.5), Math.Exp(0.125), (Math.Exp(0.25) - 1) * Math.Exp(0.25) },
        { "log-normal from mean 0.8 and cv 0.5", LogNormalDistribution.FromMeanAndCv(0.8, 0.5), 0.8, 0.16 },
        // Weibull: mean λΓ(1+1/k), variance λ²[Γ(1+2/k) − Γ(1+1/k)²]; Γ(5/3) = 0.902745292950934, Γ(7/3) = 1.190639348758999.
        { "Weibull k=1.5 λ=2", new WeibullDistribution(1.5, 2), 2 * 0.902745292950934, 4 * (1.190639348758999 - (0.902745292950934 * 0.902745292950934)) },
        { "Weibull k=1 is exponential", new WeibullDistribution(1, 4), 4, 16 },
        { "constant", new ConstantDistribution(2.5), 2.5, 0 },
        { "empirical, one of the observations", new EmpiricalDistribution([1, 2, 3, 10]), 4, ((1 + 4 + 9 + 100) / 4.0) - 16 },
        // Interpolated between 0, 1 and 3 with half the mass in each gap: uniform(0,1) and uniform(1,3) mixed equally.
        { "empirical, interpolated", new EmpiricalDistribution([3, 0, 1], interpolate: true), 1.25, (0.5 * ((1 / 3.0) + (13 / 3.0))) - (1.25 * 1.25) },
    };

    [Theory]
    [MemberData(nameof(Continuous))]
    public void Sample_mean_and_variance_match_the_closed_form(string name, IContinuousDistribution distribution, double mean, double variance)
    {
        Assert.Equal(mean, distribution.Mean, 10);
        var source = new RandomSource(2026);
        var values = new double[Samples];
        for (var i = 0; i < Samples; i++)
        {
            values[i] = distribution.Sample(source);
        }

        var sampleMean = values.Average();
        var sampleVariance = values.Sum(v => (v - sampleMean) * (v - sampleMean)) / (Samples - 1);
        var meanError = Math.Sqrt(variance / Samples);
        Assert.True(Math.Abs(sampleMean - mean) <= (4.5 * meanError) + 1e-12, $"{name}: mean {sampleMean} vs {mean}");
        // Variance of the sample variance is about (μ4 − σ⁴)/n; 5 % covers it for these shapes and sample size.
        Assert.True(Math.Abs(sampleVariance - variance) <= (0.05 * variance) + 1e-12, $"{name}: variance {sampleVariance} vs {variance}");
        Assert.All(values, v => Assert.True(v >= 0 && double.IsFinite(v)));
    }

    [Fact]
    public void The_ziggurat_exponential_passes_Kolmogorov_Smirnov_and_reaches_the_tail()
    {
        const int n = 1_000_000;
        var source = new RandomSource(77);
        var values = Enumerable.Range(0, n).Select(_ => source.NextStandardExponential()).ToArray();
        Array.Sort(values);

        var d = 0.0;
        for (var i = 0; i < n; i++)
        {
            var cdf = 1 - Math.Exp(-values[i]);
            d = Math.Max(d, Math.Max(((i + 1.0) / n) - cdf, cdf - (i / (double)n)));
        }

        // Kolmogorov's 99.9 % critical value is 1.95 / √n.
        Assert.True(d < 1.95 / Math.Sqrt(n), $"D = {d}");
        // Beyond the base layer's edge (7.697) the tail is drawn separately: P(X > 8) = e⁻⁸.
        var beyond8 = values.Count(v => v > 8);
        var expected = n * Math.Exp(-8);
        Assert.InRange(beyond8, expected - (4.5 * Math.Sqrt(expected)), expected + (4.5 * Math.Sqrt(expected)));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    [InlineData(4.0)]
    [InlineData(9.99)]
    [InlineData(10.0)]
    [InlineData(37.5)]
    [InlineData(1000.0)]
    [InlineData(1e6)]
    public void Poisson_counts_have_mean_and_variance_lambda_in_both_the_inversion_and_PTRS_regimes(double lambda)
    {
        var poisson = new PoissonDistribution(lambda);
        var source = new RandomSource(11);
        var values = Enumerable.Range(0, Samples).Select(_ => (double)poisson.Sample(source)).ToArray();
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (Samples - 1);
        Assert.True(Math.Abs(mean - lambda) <= (4.5 * Math.Sqrt(lambda / Samples)) + 1e-12, $"mean {mean} vs {lambda}");
        Assert.True(Math.Abs(variance - lambda) <= (0.05 * lambda) + 1e-12, $"variance {variance} vs {lambda}");
    }

    [Fact]
    public void Poisson_frequencies_follow_the_probability_mass_function()
    {
        // λ = 25 uses the PTRS rejection sampler; compare counts for k = 10..40 by Pearson's chi-square.
        const double lambda = 25;
        var poisson = new PoissonDistribution(lambda);
        var source = new RandomSource(5);
        var counts = new Dictionary<long, int>();
        for (var i = 0; i < Samples; i++)
        {
            var k = poisson.Sample(source);
            counts[k] = counts.GetValueOrDefault(k) + 1;
        }

        var chi2 = 0.0;
        for (var k = 10; k <= 40; k++)
        {
            var expected = Samples * Math.Exp((k * Math.Log(lambda)) - lambda - SpecialFunctions.LogGamma(k + 1));
            var observed = counts.GetValueOrDefault(k);
            chi2 += (observed - expected) * (observed - expected) / expected;
        }

        // 31 cells: the 99.9 % point of chi-square with 31 degrees of freedom is 61.1.
        Assert.True(chi2 < 61.1, $"chi² = {chi2}");
    }

    [Theory]
    [InlineData(1.0, 1.0)]
    [InlineData(5.0, 24.0)]
    [InlineData(0.5, 1.7724538509055160)] // √π
    [InlineData(1.5, 0.8862269254527580)] // √π / 2
    [InlineData(10.0, 362880.0)]
    [InlineData(0.1, 9.5135076986687318)]
    public void The_gamma_function_matches_known_values(double x, double gamma) =>
        Assert.Equal(1, SpecialFunctions.Gamma(x) / gamma, 12);

    [Fact]
    public void Invalid_parameters_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialDistribution(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WeibullDistribution(-1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LogNormalDistribution(0, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PoissonDistribution(double.NaN));
        Assert.Throws<ArgumentException>(() => new EmpiricalDistribution([]));
        Assert.Throws<ArgumentException>(() => new EmpiricalDistribution([1], interpolate: true));
    }
}
