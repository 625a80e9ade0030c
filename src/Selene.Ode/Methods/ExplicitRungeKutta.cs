using System.Diagnostics;
using Selene.Ode.Problems;
using Selene.Ode.Solutions;

namespace Selene.Ode.Methods;

/// <summary>
/// The one stepping core every explicit tableau shares: stages, the embedded error estimate in Hairer's RMS
/// norm with per-component tolerances, Hairer's PI step-size controller, the automatic first step, output at
/// requested times through each step's interpolant, and Hairer's stiffness test (dopri5.f) for a clear error
/// when an explicit method is the wrong tool. Work arrays are allocated once per solve.
/// </summary>
internal sealed class ExplicitRungeKutta
{
    // Hairer's dopri5.f: h·λ estimates above 3.25 on 15 accepted steps in a row mean "probably stiff".
    private const double StiffnessBound = 3.25;
    private const int StiffnessSteps = 15;

    private readonly ButcherTableau _m;
    private readonly bool _ownDense;
    private readonly OdeProblem _problem;
    private readonly OdeOptions _options;
    private readonly int _n;
    private readonly double[][] _k;
    private readonly double[] _y;
    private readonly double[] _stage;
    private readonly double[] _penultimateStage;
    private readonly double[] _yNew;
    private readonly double[] _error;
    private readonly double[] _atol;
    private readonly double[] _rtol;
    private readonly double[] _stepData;
    private long _rhsCalls;

    /// <param name="method">The tableau.</param>
    /// <param name="problem">The problem.</param>
    /// <param name="options">Validated options.</param>
    /// <param name="hermiteDenseOutput">Record steps for cubic Hermite interpolation even when the method has its own dense output.</param>
    public ExplicitRungeKutta(ButcherTableau method, OdeProblem problem, OdeOptions options, bool hermiteDenseOutput = false)
    {
        _ownDense = method.DenseWeights is not null && !hermiteDenseOutput;
        _m = method;
        _problem = problem;
        _options = options;
        _n = problem.System.Dimension;
        _k = Enumerable.Range(0, method.Stages).Select(_ => new double[_n]).ToArray();
        _y = (double[])problem.Y0.Clone();
        _stage = new double[_n];
        _penultimateStage = new double[_n];
        _yNew = new double[_n];
        _error = new double[_n];
        _atol = Vectors.Tolerances(options.AbsoluteTolerances, options.AbsoluteTolerance, _n);
        _rtol = Vectors.Tolerances(options.RelativeTolerances, options.RelativeTolerance, _n);
        _stepData = new double[OdeSolution.StepDataLength(_ownDense ? method.DenseWeights : null, method.Stages, _n)];
    }

    public OdeSolution Solve()
    {
        var clock = Stopwatch.StartNew();
        var solution = new OdeSolution(_m.Name, _m.DenseWeights, _m.Stages, _n);
        var recorder = new StepRecorder(solution, _options, _problem.T0, _problem.T1, _y);
        var counts = Run(recorder, stopWhenStiff: false, out _);
        solution.Statistics = counts with { WallTime = clock.Elapsed };
        return solution;
    }

    /// <summary>The state reached (after <see cref="Run"/> stopped early on stiffness).</summary>
    public ReadOnlySpan<double> State => _y;

    /// <summary>
    /// Steps from the problem's start to its end, recording through <paramref name="recorder"/>; with
    /// <paramref name="stopWhenStiff"/>, returns early (<paramref name="stoppedAt"/> set) once the stiffness test
    /// fires, so a stiff method can take over from <see cref="State"/>.
    /// </summary>
    public OdeStatistics Run(StepRecorder recorder, bool stopWhenStiff, out double? stoppedAt)
    {
        stoppedAt = null;
        var t = _problem.T0;
        var t1 = _problem.T1;
        var direction = Math.Sign(t1 - t);

        Evaluate(t, _y, _k[0]);
        if (!Vectors.AllFinite(_k[0]))
        {
            throw new OdeSolveException(OdeFailure.NonFiniteDerivative, t, 0, false, "at the initial state");
        }

        var h = _m.IsAdaptive
            ? direction * Math.Min(_options.InitialStep ?? InitialStep(t, direction), _options.MaxStep)
            : direction * Math.Min(_options.FixedStep ?? (Math.Abs(t1 - t) / 1000), _options.MaxStep);
        long accepted = 0, rejected = 0;
        var controller = new StepSizeController(_options, _m.EmbeddedOrder);
        var lastRejected = false;
        var stiffCount = 0;
        var stiff = false;

        while ((t1 - t) * direction > 0)
        {
            if (accepted + rejected >= _options.MaxSteps)
            {
                throw new OdeSolveException(OdeFailure.MaxStepsReached, t, h, stiff || stiffCount > 0);
            }

            var last = (t + h - t1) * direction >= 0;
            if (last)
            {
                h = t1 - t;
            }

            TakeStage(t, h);
            var stepOk = Vectors.AllFinite(_yNew) && Vectors.AllFinite(_k[_m.Stages - 1]);
            var error = stepOk && _m.IsAdaptive ? ErrorNorm(h) : stepOk ? 0 : double.NaN;

            if (!double.IsFinite(error) || error > 1)
            {
                rejected++;
                lastRejected = true;
                var factor = controller.AfterReject(error);
                if (!_m.IsAdaptive)
                {
                    throw new OdeSolveException(OdeFailure.NonFiniteDerivative, t, h, false, $"fixed-step method {_m.Name}");
                }

                h *= factor;
                if (Math.Abs(h) < Math.Max(_options.MinStep, 16 * double.Epsilon) || Math.Abs(h) <= 1e-15 * Math.Abs(t))
                {
                    throw stepOk
                        ? new OdeSolveException(OdeFailure.StepSizeUnderflow, t, h, stiff)
                        : new OdeSolveException(OdeFailure.NonFiniteDerivative, t, h, stiff);
                }

                continue;
            }

            // Accepted.
            accepted++;
            if (_m.IsAdaptive && _m.Fsal && _m.C[^2] == 1)
            {
                (stiff, stiffCount) = StiffnessTest(h, stiffCount, stiff);
            }

            var switchNow = stopWhenStiff && stiff;

            var tNew = last ? t1 : t + h;
            if (!_m.Fsal)
            {
                // The next step's first stage; Hermite dense output needs it as f₁ as well.
                Evaluate(tNew, _yNew, _stage);
            }

            var f1 = _m.Fsal ? _k[_m.Stages - 1] : _stage;
            FillStepData(f1);
            var outcome = recorder.Record(t, h, tNew, _yNew, _stepData, out var stepEnd);
            _yNew.CopyTo(_y, 0);
            t = stepEnd;
            if (outcome == StepOutcome.Stop)
            {
                break;
            }

            if (outcome == StepOutcome.Restart)
            {
                // The state may have changed at the event: restart from it as a new problem, with a step size chosen
                // afresh, since the step that led here knew nothing of the jump (a ball that bounced would otherwise
                // rise and land again inside one long step).
                Evaluate(t, _y, _k[0]);
                if (recorder.StateJumped && _m.IsAdaptive && _options.InitialStep is null)
                {
                    h = direction * Math.Min(InitialStep(t, direction), _options.MaxStep);
                    controller = new StepSizeController(_options, _m.EmbeddedOrder);
                }

                lastRejected = false;
                continue;
            }

            f1.CopyTo(_k[0], 0);
            if (switchNow)
            {
                stoppedAt = t;
                break;
            }

            if (_m.IsAdaptive)
            {
                h = direction * Math.Min(Math.Abs(h * controller.AfterAccept(error, lastRejected)), _options.MaxStep);
                if (Math.Abs(h) < _options.MinStep)
                {
                    throw new OdeSolveException(OdeFailure.StepSizeUnderflow, t, h, stiff);
                }
            }

            lastRejected = false;
        }

        return new OdeStatistics(accepted, rejected, _rhsCalls, 0, 0, TimeSpan.Zero);
    }

    private void TakeStage(double t, double h)
    {
        var a = _m.A;
        var c = _m.C;
        for (var s = 1; s < _m.Stages; s++)
        {
            var row = a[s];
            for (var i = 0; i < _n; i++)
            {
                var sum = 0.0;
                for (var j = 0; j < row.Length; j++)
                {
                    sum += row[j] * _k[j][i];
                }

                _stage[i] = _y[i] + (h * sum);
            }

            Evaluate(t + (c[s] * h), _stage, _k[s]);
            if (s == _m.Stages - 2)
            {
                _stage.CopyTo(_penultimateStage, 0);
            }
        }

        var b = _m.B;
        for (var i = 0; i < _n; i++)
        {
            var sum = 0.0;
            for (var j = 0; j < b.Length; j++)
            {
                sum += b[j] * _k[j][i];
            }

            _yNew[i] = _y[i] + (h * sum);
        }
    }

    private double ErrorNorm(double h)
    {
        var e = _m.E!;
        var e3 = _m.E3;
        double sum = 0, sum3 = 0;
        for (var i = 0; i < _n; i++)
        {
            double error = 0, error3 = 0;
            for (var j = 0; j < e.Length; j++)
            {
                error += e[j] * _k[j][i];
                if (e3 is not null)
                {
                    error3 += e3[j] * _k[j][i];
                }
            }

            var scale = _atol[i] + (_rtol[i] * Math.Max(Math.Abs(_y[i]), Math.Abs(_yNew[i])));
            sum += error * error / (scale * scale);
            sum3 += error3 * error3 / (scale * scale);
        }

        if (e3 is null)
        {
            return Math.Abs(h) * Math.Sqrt(sum / _n);
        }

        // dop853.f: |h| · err₅² / √(n · (err₅² + 0.01 err₃²)), with the sums of squares above.
        var denominator = sum + (0.01 * sum3);
        return denominator > 0 ? Math.Abs(h) * sum / Math.Sqrt(_n * denominator) : 0;
    }

    // h·λ ≈ h‖k_last − k_last−1‖ / ‖y_new − stage_last−1‖, both stages at t + h (dopri5.f's test).
    private (bool Stiff, int Count) StiffnessTest(double h, int count, bool stiff)
    {
        double num = 0, den = 0;
        var kLast = _k[_m.Stages - 1];
        var kPrevious = _k[_m.Stages - 2];
        for (var i = 0; i < _n; i++)
        {
            var dk = kLast[i] - kPrevious[i];
            var dy = _yNew[i] - _penultimateStage[i];
            num += dk * dk;
            den += dy * dy;
        }

        if (den > 0 && Math.Abs(h) * Math.Sqrt(num / den) > StiffnessBound)
        {
            count++;
            return (stiff || count >= StiffnessSteps, count);
        }

        return (stiff, 0);
    }

    private void FillStepData(double[] f1)
    {
        _y.CopyTo(_stepData, 0);
        if (_ownDense)
        {
            for (var s = 0; s < _m.Stages; s++)
            {
                _k[s].CopyTo(_stepData, _n * (1 + s));
            }
        }
        else
        {
            _yNew.CopyTo(_stepData, _n);
            _k[0].CopyTo(_stepData, 2 * _n);
            f1.CopyTo(_stepData, 3 * _n);
        }
    }

    private double InitialStep(double t0, int direction)
    {
        double d0 = 0, d1 = 0;
        for (var i = 0; i < _n; i++)
        {
            var scale = _atol[i] + (_rtol[i] * Math.Abs(_y[i]));
            d0 += Math.Pow(_y[i] / scale, 2);
            d1 += Math.Pow(_k[0][i] / scale, 2);
        }

        d0 = Math.Sqrt(d0 / _n);
        d1 = Math.Sqrt(d1 / _n);
        var h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1;
        h0 = Math.Min(h0, Math.Abs(_problem.T1 - t0));
        for (var i = 0; i < _n; i++)
        {
            _stage[i] = _y[i] + (direction * h0 * _k[0][i]);
        }

        Evaluate(t0 + (direction * h0), _stage, _error);
        double d2 = 0;
        for (var i = 0; i < _n; i++)
        {
            var scale = _atol[i] + (_rtol[i] * Math.Abs(_y[i]));
            d2 += Math.Pow((_error[i] - _k[0][i]) / scale, 2);
        }

        d2 = Math.Sqrt(d2 / _n) / h0;
        var largest = Math.Max(d1, d2);
        var h1 = largest <= 1e-15 || !double.IsFinite(largest)
            ? Math.Max(1e-6, h0 * 1e-3)
            : Math.Pow(0.01 / largest, 1.0 / (_m.Order + 1));
        return Math.Min(Math.Min(100 * h0, h1), Math.Abs(_problem.T1 - t0));
    }

    private void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        _rhsCalls++;
        _problem.System.Rhs(t, y, dydt);
    }
}
