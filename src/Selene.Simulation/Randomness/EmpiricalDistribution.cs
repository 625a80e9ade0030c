namespace Selene.Simulation.Randomness;

/// <summary>
/// The distribution of observed values. Without interpolation a sample is one of the observations, each
/// equally likely; with interpolation the cumulative distribution is piecewise linear between the sorted
/// observations (each gap holding an equal share of probability), so samples fill the range continuously.
/// </summary>
public sealed record EmpiricalDistribution : IContinuousDistribution
{
    private readonly double[] _sorted;

    /// <summary>Creates the distribution from at least one finite observation (two when interpolating).</summary>
    public EmpiricalDistribution(IEnumerable<double> observations, bool interpolate = false)
    {
        ArgumentNullException.ThrowIfNull(observations);
        _sorted = observations.ToArray();
        if (_sorted.Length == 0 || (interpolate && _sorted.Length < 2) || !_sorted.All(double.IsFinite))
        {
            throw new ArgumentException("need finite observations: one, or two when interpolating", nameof(observations));
        }

        Array.Sort(_sorted);
        Interpolate = interpolate;
        Mean = interpolate ? InterpolatedMean(_sorted) : _sorted.Average();
    }

    /// <summary>Whether samples are interpolated between observations.</summary>
    public bool Interpolate { get; }

    /// <summary>The observations, sorted.</summary>
    public IReadOnlyList<double> Observations => _sorted;

    /// <inheritdoc />
    public double Mean { get; }

    /// <inheritdoc />
    public double Sample(RandomSource stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!Interpolate)
        {
            return _sorted[stream.NextInt(_sorted.Length)];
        }

        var position = stream.NextDouble() * (_sorted.Length - 1);
        var index = (int)position;
        var fraction = position - index;
        return _sorted[index] + (fraction * (_sorted[index + 1] - _sorted[index]));
    }

    private static double InterpolatedMean(double[] sorted)
    {
        var sum = 0.0;
        for (var i = 0; i + 1 < sorted.Length; i++)
        {
            sum += (sorted[i] + sorted[i + 1]) / 2;
        }

        return sum / (sorted.Length - 1);
    }
}
