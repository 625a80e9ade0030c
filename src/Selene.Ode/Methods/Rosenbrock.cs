using System.Diagnostics;
using Selene.Ode.LinearAlgebra;
using Selene.Ode.Problems;
using Selene.Ode.Solutions;

namespace Selene.Ode.Methods;

/// <summary>
/// Stepping for stiff problems with a Rosenbrock tableau: at each step start the Jacobian (the system's own, or
/// by forward differences as in Hairer's codes) and ∂f/∂t, one LU of W = I/(γh) − J per attempt, one solve per
/// stage, the last stage's increment as the error estimate, and the same PI controller and
/// <see cref="StepRecorder"/> as the explicit methods (dense output by cubic Hermite interpolation).
/// </summary>
internal sealed class Rosenbrock
{
    private readonly RosenbrockTableau _m;
    private readonly OdeProblem _problem;
    private readonly OdeOptions _options;
    private readonly bool _fixedStep;
    private readonly int _n;
    private readonly double[][] _k;
    private readonly double[] _y;
    private readonly double[] _yNew;
    private readonly double[] _stage;
    private readonly double[] _f0;
    private readonly double[] _f1;
    private readonly double[] _ft;
    private readonly double[] _work;
    private readonly double[] _jacobian;
    private readonly double[] _atol;
    private readonly double[] _rtol;
    private readonly double[] _stepData;
    private readonly DenseLu _lu;
    private readonly RightHandSide _evaluate;
    private long _rhsCalls;
    private long _jacobians;
    private long _factorizations;

    public Rosenbrock(RosenbrockTableau method, OdeProblem problem, OdeOptions options, bool fixedStep = false)
    {
        _m = method;
        _problem = problem;
        _options = options;
        _fixedStep = fixedStep;
        _n = problem.System.Dimension;
        _k = Enumerable.Range(0, method.Stages).Select(_ => new double[_n]).ToArray();
        _y = (double[])problem.Y0.Clone();
        _yNew = new double[_n];
        _stage = new double[_n];
        _f0 = new double[_n];
        _f1 = new double[_n];
        _ft = new double[_n];
        _work = new double[_n];
        _jacobian = new double[_n * _n];
        _atol = Vectors.Tolerances(options.AbsoluteTolerances, options.AbsoluteTolerance, _n);
        _rtol = Vectors.Tolerances(options.RelativeTolerances, options.RelativeTolerance, _n);
        _stepData = new double[OdeSolution.StepDataLength(null, 0, _n)];
        _lu = new DenseLu(_n);
        _evaluate = Evaluate;
    }

    public OdeSolution Solve()
    {
        var clock = Stopwatch.StartNew();
        var solution = new OdeSolution(_m.Name, null, 0, _n);
        var recorder = new StepRecorder(solution, _options, _problem.T0, _problem.T1, _y);
        var counts = Run(recorder);
        solution.Statistics = counts with { WallTime = clock.Elapsed };
        return solution;
    }

    /// <summary>Steps from the problem's start to its end, recording through <paramref name="recorder"/>.</summary>
    public OdeStatistics Run(StepRecorder recorder)
    {
        var t = _problem.T0;
        var t1 = _problem.T1;
        var direction = Math.Sign(t1 - t);
        Evaluate(t, _y, _f0);
        if (!Vectors.AllFinite(_f0))
        {
            throw new OdeSolveException(OdeFailure.NonFiniteDerivative, t, 0, false, "at the initial state");
        }

        var span = Math.Abs(t1 - t);
        var h = direction * Math.Min(_options.FixedStep ?? _options.InitialStep ?? StiffSupport.InitialStep(_y, _f0, _atol, _rtol, span), Math.Min(_options.MaxStep, span));
        long accepted = 0, rejected = 0;
        var controller = new StepSizeController(_options, _m.EmbeddedOrder);
        var lastRejected = false;
        var jacobianFresh = false;

        while ((t1 - t) * direction > 0)
        {
            if (accepted + rejected >= _options.MaxSteps)
            {
                throw new OdeSolveException(OdeFailure.MaxStepsReached, t, h, false);
            }

            var last = (t + h - t1) * direction >= 0;
            if (last)
            {
                h = t1 - t;
            }

            if (!jacobianFresh)
            {
                Derivatives(t);
                jacobianFresh = true;
            }

            var error = Attempt(t, h);
            if (!double.IsFinite(error) || (!_fixedStep && error > 1))
            {
                rejected++;
                lastRejected = true;
                h *= controller.AfterReject(error);
                if (_fixedStep || Math.Abs(h) < Math.Max(_options.MinStep, 1e-15 * Math.Abs(t)) || Math.Abs(h) < 16 * double.Epsilon)
                {
                    throw new OdeSolveException(double.IsNaN(error) ? OdeFailure.NonFiniteDerivative : OdeFailure.StepSizeUnderflow, t, h, false,
                        double.IsNegativeInfinity(error) ? "W = I/(γh) − J stayed singular" : null);
                }

                continue;
            }

            accepted++;
            var tNew = last ? t1 : t + h;
            Evaluate(tNew, _yNew, _f1);
            FillStepData();
            var outcome = recorder.Record(t, h, tNew, _yNew, _stepData, out var stepEnd);
            _yNew.CopyTo(_y, 0);
            t = stepEnd;
            jacobianFresh = false;
            if (outcome == StepOutcome.Stop)
            {
                break;
            }

            if (outcome == StepOutcome.Restart)
            {
                // A new problem from the event on: its step size chosen afresh, as at the start.
                Evaluate(t, _y, _f0);
                if (recorder.StateJumped && !_fixedStep && _options.InitialStep is null)
                {
                    var remaining = Math.Abs(t1 - t);
                    h = direction * Math.Min(StiffSupport.InitialStep(_y, _f0, _atol, _rtol, remaining), Math.Min(_options.MaxStep, remaining));
                    controller = new StepSizeController(_options, _m.EmbeddedOrder);
                }

                lastRejected = false;
                continue;
            }

            _f1.CopyTo(_f0, 0);
            if (!_fixedStep)
            {
                h = direction * Math.Min(Math.Abs(h * controller.AfterAccept(error, lastRejected)), _options.MaxStep);
            }

            lastRejected = false;
        }

        return new OdeStatistics(accepted, rejected, _rhsCalls, _jacobians, _factorizations, TimeSpan.Zero);
    }

    /// <summary>One attempted step; the error norm, +∞ when a stage failed, −∞ when W was singular.</summary>
    private double Attempt(double t, double h)
    {
        var n = _n;
        var w = _lu.Matrix;
        var diagonal = 1 / (_m.Gamma * h);
        for (var i = 0; i < n * n; i++)
        {
            w[i] = -_jacobian[i];
        }

        for (var i = 0; i < n; i++)
        {
            w[(i * n) + i] += diagonal;
        }

        _factorizations++;
        if (!_lu.Factorize())
        {
            return double.NegativeInfinity;
        }

        for (var s = 0; s < _m.Stages; s++)
        {
            var a = _m.A[s];
            var c = _m.C[s];
            if (s == 0)
            {
                _f0.CopyTo(_work, 0);
            }
            else
            {
                for (var i = 0; i < n; i++)
                {
                    var sum = 0.0;
                    for (var j = 0; j < a.Length; j++)
                    {
                        sum += a[j] * _k[j][i];
                    }

                    _stage[i] = _y[i] + sum;
                }

                Evaluate(t + (_m.Alpha[s] * h), _stage, _work);
            }

            var gammaH = _m.GammaSums[s] * h;
            for (var i = 0; i < n; i++)
            {
                var sum = 0.0;
                for (var j = 0; j < c.Length; j++)
                {
                    sum += c[j] * _k[j][i];
                }

                _work[i] += (gammaH * _ft[i]) + (sum / h);
            }

            _lu.Solve(_work);
            if (!Vectors.AllFinite(_work))
            {
                return double.PositiveInfinity;
            }

            _work.CopyTo(_k[s], 0);
        }

        // Stiffly accurate: the new state is the last stage's argument plus its increment.
        var last = _m.Stages - 1;
        var errorSum = 0.0;
        for (var i = 0; i < n; i++)
        {
            _yNew[i] = _stage[i] + _k[last][i];
            var scale = _atol[i] + (_rtol[i] * Math.Max(Math.Abs(_y[i]), Math.Abs(_yNew[i])));
            var ratio = _k[last][i] / scale;
            errorSum += ratio * ratio;
        }

        return Vectors.AllFinite(_yNew) ? Math.Sqrt(errorSum / n) : double.PositiveInfinity;
    }

    /// <summary>J = ∂f/∂y and ∂f/∂t at the step start, by the system or by forward differences.</summary>
    private void Derivatives(double t)
    {
        _jacobians++;
        var n = _n;
        if (_problem.System is IJacobianSystem analytic)
        {
            analytic.Jacobian(t, _y, _jacobian);
        }
        else
        {
            StiffSupport.ForwardDifferenceJacobian(_evaluate, t, _y, _f0, _jacobian, _work);
        }

        if (_problem.System.IsAutonomous)
        {
            return; // ∂f/∂t stays zero
        }

        var dt = Math.Sqrt(2.2e-16 * Math.Max(1e-5, Math.Abs(t)));
        Evaluate(t + dt, _y, _work);
        for (var i = 0; i < n; i++)
        {
            _ft[i] = (_work[i] - _f0[i]) / dt;
        }
    }

    private void FillStepData()
    {
        _y.CopyTo(_stepData, 0);
        _yNew.CopyTo(_stepData, _n);
        _f0.CopyTo(_stepData, 2 * _n);
        _f1.CopyTo(_stepData, 3 * _n);
    }

    private void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        _rhsCalls++;
        _problem.System.Rhs(t, y, dydt);
    }
}
