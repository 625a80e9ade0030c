namespace Selene.Simulation.Metrics;

/// <summary>
/// Integrates a piecewise-constant quantity (busy GPUs, queue length) over time, into equal bins and in
/// total, so averages over any bin are exact time-weighted means, not samples.
/// </summary>
internal sealed class StepSeries
{
    private readonly double[] _bins;
    private readonly double _binSeconds;
    private double _value;
    private double _since;
    private int _bin;
    private double _binEnd;

    public StepSeries(double durationSeconds, double binSeconds)
    {
        _binSeconds = binSeconds;
        _bins = new double[Math.Max(1, (int)Math.Ceiling(durationSeconds / binSeconds))];
        _binEnd = binSeconds;
    }

    /// <summary>The current value.</summary>
    public double Value => _value;

    /// <summary>∫ value dt from 0 to the last update.</summary>
    public double Total { get; private set; }

    /// <summary>Changes the value at time <paramref name="now"/>.</summary>
    public void Set(double now, double value)
    {
        Advance(now);
        _value = value;
    }

    /// <summary>Adds <paramref name="delta"/> to the value at time <paramref name="now"/>.</summary>
    public void Add(double now, double delta) => Set(now, _value + delta);

    /// <summary>Integrates up to <paramref name="now"/> and returns each bin's mean value.</summary>
    public double[] Means(double now)
    {
        Advance(now);
        var means = new double[_bins.Length];
        for (var i = 0; i < means.Length; i++)
        {
            var width = Math.Min(_binSeconds, now - (i * _binSeconds));
            means[i] = width > 0 ? _bins[i] / width : 0;
        }

        return means;
    }

    private void Advance(double now)
    {
        if (now <= _since)
        {
            return;
        }

        Total += _value * (now - _since);
        // Most changes fall in the current bin; crossing a boundary walks the bins in between.
        while (now > _binEnd && _bin < _bins.Length - 1)
        {
            _bins[_bin] += _value * (_binEnd - _since);
            _since = _binEnd;
            _bin++;
            _binEnd = (_bin + 1) * _binSeconds;
        }

        _bins[_bin] += _value * (now - _since);
        _since = now;
    }
}
