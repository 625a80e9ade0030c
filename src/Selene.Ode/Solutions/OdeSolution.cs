namespace Selene.Ode.Solutions;

/// <summary>
/// The result of a solve: the states at the output times (or every step), statistics, and, when kept, each
/// step's interpolant so the solution can be evaluated anywhere in the span.
/// </summary>
public sealed class OdeSolution
{
    private readonly List<double> _times = [];
    private readonly List<double> _states = [];
    private readonly List<double> _stepStarts = [];
    private readonly List<double> _stepSizes = [];
    private readonly List<double> _stepData = [];
    private readonly List<Events.EventOccurrence> _events = [];
    private readonly Action<double, Span<double>>? _denseWeights;
    private readonly int _stages;
    private readonly int _stepWidth;

    /// <param name="method">The method's name.</param>
    /// <param name="denseWeights">The method's continuous weights, or null for cubic Hermite interpolation.</param>
    /// <param name="stages">Stages whose derivatives the continuous weights combine.</param>
    /// <param name="dimension">Number of states.</param>
    internal OdeSolution(string method, Action<double, Span<double>>? denseWeights, int stages, int dimension)
    {
        Method = method;
        _denseWeights = denseWeights;
        _stages = stages;
        Dimension = dimension;
        _stepWidth = StepDataLength(denseWeights, stages, dimension);
    }

    /// <summary>Per step: y₀, then the stage derivatives (own dense output) or y₁, f₀, f₁ (Hermite).</summary>
    internal static int StepDataLength(Action<double, Span<double>>? denseWeights, int stages, int dimension) =>
        dimension * (denseWeights is null ? 4 : 1 + stages);

    /// <summary>Number of states.</summary>
    public int Dimension { get; }

    /// <summary>The reported times.</summary>
    public IReadOnlyList<double> Times => _times;

    /// <summary>The method used.</summary>
    public string Method { get; }

    /// <summary>What the solve cost.</summary>
    public OdeStatistics Statistics { get; internal set; } = new(0, 0, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The state reported at <see cref="Times"/>[<paramref name="index"/>].</summary>
    public ReadOnlySpan<double> State(int index) =>
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_states).Slice(index * Dimension, Dimension);

    /// <summary>The state at the last reported time.</summary>
    public double[] FinalState => State(_times.Count - 1).ToArray();

    /// <summary>Every event that happened, in time order.</summary>
    public IReadOnlyList<Events.EventOccurrence> Events => _events;

    /// <summary>True when a terminal event (or a counted event's last occurrence) ended the solve early.</summary>
    public bool StoppedByEvent { get; internal set; }

    /// <summary>With the <c>auto</c> method: where it switched from dopri5 to rodas4; null when it did not.</summary>
    public double? SwitchedToStiffAt { get; internal set; }

    /// <summary>Where a solve stopped by an event ended; null when it reached the end of its span.</summary>
    public double? EndTime { get; internal set; }

    /// <summary>Whether <see cref="Evaluate"/> is available.</summary>
    public bool HasDenseOutput => _stepStarts.Count > 0;

    /// <summary>Writes the state at any <paramref name="t"/> in the span into <paramref name="y"/>, from the step's interpolant.</summary>
    /// <exception cref="InvalidOperationException">The solve kept no dense output.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> lies outside the span solved.</exception>
    public void Evaluate(double t, Span<double> y)
    {
        if (!HasDenseOutput)
        {
            throw new InvalidOperationException("this solve kept no dense output (OdeOptions.DenseOutput was false)");
        }

        var forward = _stepSizes[0] > 0;
        var first = _stepStarts[0];
        var lastIndex = _stepStarts.Count - 1;
        var end = EndTime ?? (_stepStarts[lastIndex] + _stepSizes[lastIndex]);
        if (forward ? t < first || t > end : t > first || t < end)
        {
            throw new ArgumentOutOfRangeException(nameof(t), t, $"outside the solved span [{first}, {end}]");
        }

        var index = FindStep(t, forward);
        var theta = (t - _stepStarts[index]) / _stepSizes[index];
        Interpolate(index, theta, y);
    }

    /// <summary>Makes room for <paramref name="count"/> outputs at once, rather than growing step by step.</summary>
    internal void ExpectOutputs(int count)
    {
        _times.EnsureCapacity(count);
        _states.EnsureCapacity(count * Dimension);
    }

    internal void AddOutput(double t, ReadOnlySpan<double> y)
    {
        _times.Add(t);
        _states.AddRange(y);
    }

    internal void AddEvent(Events.EventOccurrence occurrence) => _events.Add(occurrence);

    internal void AddStep(double t, double h, ReadOnlySpan<double> stepData)
    {
        _stepStarts.Add(t);
        _stepSizes.Add(h);
        _stepData.AddRange(stepData);
    }

    internal void Interpolate(ReadOnlySpan<double> data, double h, double theta, Span<double> y)
    {
        var n = Dimension;
        var y0 = data[..n];
        if (_denseWeights is { } dense)
        {
            Span<double> weights = stackalloc double[_stages];
            dense(theta, weights);
            // y = y₀ + h Σ wₛ kₛ, summed in y a stage at a time over contiguous derivatives.
            y[..n].Clear();
            for (var s = 0; s < weights.Length; s++)
            {
                var w = weights[s];
                var k = data.Slice(n + (s * n), n);
                for (var i = 0; i < n; i++)
                {
                    y[i] += w * k[i];
                }
            }

            for (var i = 0; i < n; i++)
            {
                y[i] = y0[i] + (h * y[i]);
            }

            return;
        }

        // Cubic Hermite through (y₀, f₀) and (y₁, f₁).
        var t2 = theta * theta;
        var t3 = t2 * theta;
        var h00 = (2 * t3) - (3 * t2) + 1;
        var h10 = t3 - (2 * t2) + theta;
        var h01 = (-2 * t3) + (3 * t2);
        var h11 = t3 - t2;
        for (var i = 0; i < n; i++)
        {
            y[i] = (h00 * y0[i]) + (h01 * data[n + i]) + (h * ((h10 * data[(2 * n) + i]) + (h11 * data[(3 * n) + i])));
        }
    }

    private void Interpolate(int step, double theta, Span<double> y)
    {
        var data = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_stepData).Slice(step * _stepWidth, _stepWidth);
        Interpolate(data, _stepSizes[step], theta, y);
    }

    private int FindStep(double t, bool forward)
    {
        int low = 0, high = _stepStarts.Count - 1;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (forward ? _stepStarts[mid] <= t : _stepStarts[mid] >= t)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return low;
    }
}
