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

    public StepSeries(double durationSeconds, double binSeconds)
    {
        _binSeconds = binSeconds;
        _bins = new double[Math.Max(1, (int)Math.Ceiling(durationSeconds / binSeconds))];
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
        if (_value != 0)
        {
            var bin = (int)(_since / _binSeconds);
            var start = _since;
            while (start < now && bin < _bins.Length)
            {
                var end = Math.Min(now, (bin + 1) * _binSeconds);
                _bins[bin] += _value * (end - start);
                start = end;
                bin++;
            }
        }

        _since = now;
    }
}
