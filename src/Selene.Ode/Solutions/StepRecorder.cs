using Selene.Ode.Events;

namespace Selene.Ode.Solutions;

/// <summary>What the solver does after a step has been recorded.</summary>
internal enum StepOutcome
{
    /// <summary>Go on from the step's end.</summary>
    Continue,

    /// <summary>An event happened inside the step; go on from the event, whose action may have changed the state.</summary>
    Restart,

    /// <summary>A terminal (or counted-out) event ended the solve.</summary>
    Stop,
}

/// <summary>
/// What every solver does with an accepted step, in one place: keep its interpolant for dense output, find
/// and act on events inside it, and report the state at the requested output times (or at the step's end).
/// Event crossings are found by sampling each event function on the interpolant at θ = 0, ¼, ½, ¾ and 1 (so a
/// function that crosses twice in one long step is still caught) and located by the Illinois method; the
/// located point is the bracket's far end, where the sign has already changed, so an event cannot fire twice.
/// Right after an event's action the function starts at zero and may turn back and cross again before the first
/// sample (a ball that bounces, rises a little and lands): there the interval is searched for the function's
/// extremum too, and a crossing between it and the sample is located as any other.
/// </summary>
internal sealed class StepRecorder
{
    private const int EventSamples = 4;

    private readonly OdeSolution _solution;
    private readonly IReadOnlyList<double>? _outputs;
    private readonly bool _dense;
    private readonly int _direction;
    private readonly IReadOnlyList<OdeEvent> _events;
    private readonly double[] _eventValues;
    private readonly double[] _eventValuesAtStepEnd;
    private readonly double[] _eventRoots;
    private readonly bool[] _justFired;
    private readonly int[] _eventCounts;
    private readonly double[] _probe;
    private readonly double[] _eventLeft;
    private readonly bool[] _eventSettled;
    private readonly double[] _output;
    private int _nextOutput;

    public StepRecorder(OdeSolution solution, OdeOptions options, double t0, double t1, ReadOnlySpan<double> y0)
    {
        _solution = solution;
        _outputs = options.OutputTimes;
        _dense = options.DenseOutput;
        _direction = Math.Sign(t1 - t0);
        _events = options.Events ?? [];
        _eventValues = new double[_events.Count];
        _eventValuesAtStepEnd = new double[_events.Count];
        _eventRoots = new double[_events.Count];
        _justFired = new bool[_events.Count];
        _eventCounts = new int[_events.Count];
        _probe = new double[y0.Length];
        _eventLeft = new double[_events.Count];
        _eventSettled = new bool[_events.Count];
        _output = new double[y0.Length];

        if (_outputs is null)
        {
            solution.AddOutput(t0, y0);
        }
        else
        {
            solution.ExpectOutputs(_outputs.Count);
            while (_nextOutput < _outputs.Count && _outputs[_nextOutput] == t0)
            {
                solution.AddOutput(t0, y0);
                _nextOutput++;
            }
        }

        Restart(t0, y0);
    }

    /// <summary>
    /// Whether a step's interpolant will be used (dense output, events or output times inside steps); when not,
    /// a solver may skip work that only the interpolant needs.
    /// </summary>
    public bool NeedsInterpolant => _dense || _events.Count > 0 || _outputs is not null;

    /// <summary>True when the last event's actions changed the state (not merely logged it): the solver then starts afresh.</summary>
    public bool StateJumped { get; private set; }

    /// <summary>Re-reads every event function at a new starting point (after an event changed the state).</summary>
    public void Restart(double t, ReadOnlySpan<double> y)
    {
        for (var e = 0; e < _events.Count; e++)
        {
            _eventValues[e] = _events[e].Function(t, y);
        }
    }

    /// <summary>
    /// Records the accepted step [t, t + h] ending at <paramref name="tNew"/> with state <paramref name="yNew"/>
    /// and interpolant <paramref name="stepData"/>. When an event lies inside, <paramref name="yNew"/> becomes the
    /// state at the event (after its actions) and <paramref name="stepEnd"/> its time.
    /// </summary>
    public StepOutcome Record(double t, double h, double tNew, double[] yNew, ReadOnlySpan<double> stepData, out double stepEnd)
    {
        if (_dense)
        {
            _solution.AddStep(t, h, stepData);
        }

        var eventTheta = _events.Count == 0 ? double.NaN : FindEvent(t, h, tNew, yNew, stepData);
        var atEvent = !double.IsNaN(eventTheta);
        stepEnd = !atEvent || eventTheta == 1 ? tNew : t + (eventTheta * h);
        if (atEvent && eventTheta < 1)
        {
            _solution.Interpolate(stepData, h, eventTheta, yNew);
        }

        if (_outputs is null)
        {
            _solution.AddOutput(stepEnd, yNew);
        }
        else
        {
            while (_nextOutput < _outputs.Count && (_outputs[_nextOutput] - stepEnd) * _direction <= 0)
            {
                var time = _outputs[_nextOutput];
                if (time == stepEnd)
                {
                    _solution.AddOutput(time, yNew);
                }
                else
                {
                    _solution.Interpolate(stepData, h, (time - t) / h, _output);
                    _solution.AddOutput(time, _output);
                }

                _nextOutput++;
            }
        }

        if (!atEvent)
        {
            _eventValuesAtStepEnd.CopyTo(_eventValues, 0);
            return StepOutcome.Continue;
        }

        if (Fire(stepEnd, eventTheta, yNew))
        {
            _solution.StoppedByEvent = true;
            _solution.EndTime = stepEnd;
            return StepOutcome.Stop;
        }

        Restart(stepEnd, yNew);
        return StepOutcome.Restart;
    }

    // Each event function is sampled at EventSamples points across the step and its first sign change located by
    // root finding; the state at each sample point is interpolated once for all the events.
    private double FindEvent(double t, double h, double tNew, double[] yNew, ReadOnlySpan<double> stepData)
    {
        var earliest = double.NaN;
        var open = _events.Count;
        for (var e = 0; e < _events.Count; e++)
        {
            _eventValuesAtStepEnd[e] = _events[e].Function(tNew, yNew);
            _eventRoots[e] = double.NaN;
            _eventLeft[e] = _eventValues[e];
            _eventSettled[e] = false;
        }

        var leftTheta = 0.0;
        for (var k = 1; k <= EventSamples && open > 0; k++)
        {
            var theta = k / (double)EventSamples;
            var interpolated = false;
            for (var e = 0; e < _events.Count; e++)
            {
                if (_eventSettled[e])
                {
                    continue;
                }

                var ev = _events[e];
                double right;
                if (k == EventSamples)
                {
                    right = _eventValuesAtStepEnd[e];
                }
                else
                {
                    if (!interpolated)
                    {
                        _solution.Interpolate(stepData, h, theta, _probe);
                        interpolated = true;
                    }

                    right = ev.Function(t + (theta * h), _probe);
                }

                // Right after an event the function starts at (nearly) zero, on the far side of the crossing just found;
                // an action may turn it back at once, which is not a new crossing. A directed event cannot mistake it
                // (it starts on the wrong side for another), so only one that counts both directions waits a sample.
                var startsAtEvent = k == 1 && _justFired[e] && ev.Direction == EventDirection.Both;
                var tolerance = (Math.Max(ev.TimeTolerance, 4 * double.Epsilon) / Math.Abs(h)) + (4e-16 * Math.Abs(t / h));
                var (low, gLow) = (leftTheta, _eventLeft[e]);
                var crosses = !startsAtEvent && Crosses(ev.Direction, gLow, right);
                if (!crosses && k == 1 && _justFired[e])
                {
                    var turn = TurnsBack(ev, t, h, stepData, theta, _eventLeft[e], right, tolerance);
                    interpolated = false; // the search used the probe
                    if (turn is { } back && Crosses(ev.Direction, back.Value, right))
                    {
                        (low, gLow, crosses) = (back.Theta, back.Value, true);
                    }
                }

                if (crosses)
                {
                    var root = LocateRoot(ev.Function, t, h, stepData, low, theta, gLow, right, tolerance);
                    _eventRoots[e] = root;
                    if (double.IsNaN(earliest) || root < earliest)
                    {
                        earliest = root;
                    }

                    _eventSettled[e] = true;
                    open--;
                    interpolated = false; // root finding used the probe
                    continue;
                }

                _eventLeft[e] = right;
            }

            leftTheta = theta;
        }

        for (var e = 0; e < _events.Count; e++)
        {
            _justFired[e] = false;
        }

        return earliest;
    }

    // Where, inside (0, θ₁), the function reaches the side opposite to where it starts and ends the interval, if it
    // does: the extremum on that side, found by golden-section search on the interpolant.
    private (double Theta, double Value)? TurnsBack(OdeEvent ev, double t, double h, ReadOnlySpan<double> stepData, double high, double start, double end, double tolerance)
    {
        if (Math.Sign(start) * Math.Sign(end) < 0)
        {
            return null;
        }

        var sign = end > 0 || (end == 0 && start > 0) ? -1.0 : 1.0;
        const double Golden = 0.6180339887498949;
        var (a, b) = (0.0, high);
        var c = b - (Golden * (b - a));
        var d = a + (Golden * (b - a));
        var (fc, fd) = (sign * Probe(ev, t, h, stepData, c), sign * Probe(ev, t, h, stepData, d));
        for (var iteration = 0; iteration < 100 && b - a > tolerance; iteration++)
        {
            if (fc > fd)
            {
                (b, d, fd) = (d, c, fc);
                c = b - (Golden * (b - a));
                fc = sign * Probe(ev, t, h, stepData, c);
            }
            else
            {
                (a, c, fc) = (c, d, fd);
                d = a + (Golden * (b - a));
                fd = sign * Probe(ev, t, h, stepData, d);
            }
        }

        var (theta, value) = fc > fd ? (c, fc) : (d, fd);
        return value > 0 ? (theta, sign * value) : null;
    }

    private double Probe(OdeEvent ev, double t, double h, ReadOnlySpan<double> stepData, double theta)
    {
        _solution.Interpolate(stepData, h, theta, _probe);
        return ev.Function(t + (theta * h), _probe);
    }

    private static bool Crosses(EventDirection direction, double before, double after) => direction switch
    {
        EventDirection.Rising => before < 0 && after >= 0,
        EventDirection.Falling => before > 0 && after <= 0,
        _ => (before < 0 && after >= 0) || (before > 0 && after <= 0),
    };

    private double LocateRoot(EventFunction g, double t, double h, ReadOnlySpan<double> stepData,
        double low, double high, double gLow, double gHigh, double tolerance)
    {
        var side = 0;
        for (var iteration = 0; iteration < 200 && high - low > tolerance; iteration++)
        {
            var theta = high - (gHigh * (high - low) / (gHigh - gLow));
            if (!(theta > low && theta < high))
            {
                theta = (low + high) / 2;
            }

            _solution.Interpolate(stepData, h, theta, _probe);
            var value = g(t + (theta * h), _probe);
            if ((value < 0) == (gLow < 0) && value != 0)
            {
                low = theta;
                gLow = value;
                if (side == -1)
                {
                    gHigh /= 2; // Illinois: halve the stale end so the bracket shrinks from both sides.
                }

                side = -1;
            }
            else
            {
                high = theta;
                gHigh = value;
                if (side == 1)
                {
                    gLow /= 2;
                }

                side = 1;
            }
        }

        return high;
    }

    /// <summary>Logs and acts on every event located at <paramref name="theta"/>; true when the solve must stop.</summary>
    private bool Fire(double t, double theta, double[] y)
    {
        var stop = false;
        var state = (double[])y.Clone();
        StateJumped = false;
        for (var e = 0; e < _events.Count; e++)
        {
            var ev = _events[e];
            if (!(_eventRoots[e] <= theta + 1e-12))
            {
                continue;
            }

            _justFired[e] = true;
            _solution.AddEvent(new EventOccurrence(ev.Name, t, (double[])state.Clone()));
            _eventCounts[e]++;
            ev.Action?.Invoke(t, y);
            StateJumped |= ev.Action is not null && !y.AsSpan().SequenceEqual(state);
            stop |= ev.Terminal || (ev.MaxOccurrences is { } most && _eventCounts[e] >= most);
        }

        return stop;
    }
}
