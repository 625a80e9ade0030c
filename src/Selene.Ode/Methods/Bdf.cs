using System.Diagnostics;
using Selene.Ode.LinearAlgebra;
using Selene.Ode.Problems;
using Selene.Ode.Solutions;

namespace Selene.Ode.Methods;

/// <summary>
/// Variable-order (1–5) BDF in fixed-leading-coefficient form with backward differences, as in Shampine and
/// Reichelt's NDF/BDF codes and SciPy's <c>BDF</c> (κ = 0): a simplified Newton iteration (at most four
/// passes) on (I − cJ) with the Jacobian and its LU reused across steps until convergence fails, the local
/// error from the last correction, and the order raised or lowered to whichever of k − 1, k, k + 1 allows the
/// largest step. Dense output is the cubic Hermite interpolant, which costs one extra RHS call per step when
/// dense output, events or output times need it.
/// </summary>
internal sealed class Bdf
{
    private const int MaxOrder = 5;
    private const int NewtonMaxIterations = 4;
    private const double MinFactor = 0.2;
    private const double MaxFactor = 10;

    private static readonly double[] s_gamma = Gamma();
    private static readonly double[] s_errorConstant = Enumerable.Range(0, MaxOrder + 2).Select(k => 1.0 / (k + 1)).ToArray();

    private readonly OdeProblem _problem;
    private readonly OdeOptions _options;
    private readonly int _n;
    private readonly double[] _atol;
    private readonly double[] _rtol;
    private readonly double[][] _d;
    private readonly double[] _y;
    private readonly double[] _yPredict;
    private readonly double[] _yNew;
    private readonly double[] _psi;
    private readonly double[] _correction;
    private readonly double[] _scale;
    private readonly double[] _f;
    private readonly double[] _f0;
    private readonly double[] _f1;
    private readonly double[] _dy;
    private readonly double[] _jacobian;
    private readonly double[] _stepData;
    private readonly double[] _work;
    private readonly DenseLu _lu;
    private readonly RightHandSide _evaluate;
    private long _rhsCalls;
    private long _jacobians;
    private long _factorizations;

    public Bdf(OdeProblem problem, OdeOptions options)
    {
        _problem = problem;
        _options = options;
        _n = problem.System.Dimension;
        _atol = Vectors.Tolerances(options.AbsoluteTolerances, options.AbsoluteTolerance, _n);
        _rtol = Vectors.Tolerances(options.RelativeTolerances, options.RelativeTolerance, _n);
        _d = Enumerable.Range(0, MaxOrder + 3).Select(_ => new double[_n]).ToArray();
        _y = (double[])problem.Y0.Clone();
        _yPredict = new double[_n];
        _yNew = new double[_n];
        _psi = new double[_n];
        _correction = new double[_n];
        _scale = new double[_n];
        _f = new double[_n];
        _f0 = new double[_n];
        _f1 = new double[_n];
        _dy = new double[_n];
        _jacobian = new double[_n * _n];
        _stepData = new double[OdeSolution.StepDataLength(null, 0, _n)];
        _work = new double[_n];
        _lu = new DenseLu(_n);
        _evaluate = Evaluate;
    }

    public OdeSolution Solve()
    {
        var clock = Stopwatch.StartNew();
        var solution = new OdeSolution("bdf", null, 0, _n);
        var t = _problem.T0;
        var t1 = _problem.T1;
        var direction = Math.Sign(t1 - t);
        var recorder = new StepRecorder(solution, _options, t, t1, _y);
        Evaluate(t, _y, _f0);
        if (!Vectors.AllFinite(_f0))
        {
            throw new OdeSolveException(OdeFailure.NonFiniteDerivative, t, 0, false, "at the initial state");
        }

        var hAbs = Math.Min(_options.InitialStep ?? StiffSupport.InitialStep(_y, _f0, _atol, _rtol, t1 - t), Math.Min(_options.MaxStep, Math.Abs(t1 - t)));
        var order = 1;
        ResetDifferences(hAbs * direction);
        Jacobian(t, _y);
        var luFresh = false;
        var equalSteps = 0;
        var newtonTolerance = Math.Max(10 * double.Epsilon / _rtol.Min(), Math.Min(0.03, Math.Sqrt(_rtol.Min())));
        long accepted = 0, rejected = 0;

        while ((t1 - t) * direction > 0)
        {
            if (accepted + rejected >= _options.MaxSteps)
            {
                throw new OdeSolveException(OdeFailure.MaxStepsReached, t, hAbs * direction, false);
            }

            var minStep = Math.Max(_options.MinStep, 10 * Math.Abs(Math.BitIncrement(Math.Abs(t)) - Math.Abs(t)));
            if (hAbs > _options.MaxStep)
            {
                ChangeDifferences(order, _options.MaxStep / hAbs);
                hAbs = _options.MaxStep;
                equalSteps = 0;
                luFresh = false;
            }

            double tNew, h, errorNorm;
            int iterations;
            var jacobianCurrent = false;
            while (true)
            {
                if (hAbs < minStep)
                {
                    throw new OdeSolveException(OdeFailure.StepSizeUnderflow, t, hAbs * direction, false);
                }

                h = hAbs * direction;
                tNew = t + h;
                if ((tNew - t1) * direction > 0)
                {
                    tNew = t1;
                    ChangeDifferences(order, Math.Abs(tNew - t) / hAbs);
                    equalSteps = 0;
                    luFresh = false;
                }

                h = tNew - t;
                hAbs = Math.Abs(h);
                Predict(order);
                var c = h / Alpha(order);
                bool converged;
                while (true)
                {
                    if (!luFresh)
                    {
                        Factorize(c);
                        luFresh = true;
                    }

                    (converged, iterations) = Newton(tNew, c, newtonTolerance);
                    if (converged || jacobianCurrent)
                    {
                        break;
                    }

                    Jacobian(tNew, _yPredict);
                    jacobianCurrent = true;
                    luFresh = false;
                }

                if (!converged)
                {
                    rejected++;
                    hAbs *= 0.5;
                    ChangeDifferences(order, 0.5);
                    equalSteps = 0;
                    luFresh = false;
                    continue;
                }

                var safety = 0.9 * ((2 * NewtonMaxIterations) + 1) / ((2 * NewtonMaxIterations) + iterations);
                errorNorm = Norm(_correction, s_errorConstant[order], useNew: true);
                if (errorNorm > 1)
                {
                    rejected++;
                    var factor = Math.Max(MinFactor, safety * Math.Pow(errorNorm, -1.0 / (order + 1)));
                    hAbs *= factor;
                    ChangeDifferences(order, factor);
                    equalSteps = 0;
                    luFresh = false; // the LU depends on c = h/α, which just changed
                    continue;
                }

                // Accepted: order and step for the next one.
                accepted++;
                equalSteps++;
                for (var i = 0; i < _n; i++)
                {
                    _d[order + 2][i] = _correction[i] - _d[order + 1][i];
                    _d[order + 1][i] = _correction[i];
                }

                for (var k = order; k >= 0; k--)
                {
                    for (var i = 0; i < _n; i++)
                    {
                        _d[k][i] += _d[k + 1][i];
                    }
                }

                if (equalSteps >= order + 1)
                {
                    var lower = order > 1 ? Norm(_d[order], s_errorConstant[order - 1], useNew: true) : double.PositiveInfinity;
                    var higher = order < MaxOrder ? Norm(_d[order + 2], s_errorConstant[order + 1], useNew: true) : double.PositiveInfinity;
                    var factors = new[]
                    {
                        Math.Pow(lower, -1.0 / order),
                        Math.Pow(errorNorm, -1.0 / (order + 1)),
                        Math.Pow(higher, -1.0 / (order + 2)),
                    };
                    var best = Array.IndexOf(factors, factors.Max());
                    order += best - 1;
                    var factor = Math.Min(MaxFactor, safety * factors.Max());
                    hAbs *= factor;
                    ChangeDifferences(order, factor);
                    equalSteps = 0;
                    luFresh = false;
                }

                break;
            }

            // f at the new point serves only the Hermite interpolant: skip it when nothing interpolates.
            if (recorder.NeedsInterpolant)
            {
                Evaluate(tNew, _yNew, _f1);
            }

            _y.CopyTo(_stepData, 0);
            _yNew.CopyTo(_stepData, _n);
            _f0.CopyTo(_stepData, 2 * _n);
            _f1.CopyTo(_stepData, 3 * _n);
            var outcome = recorder.Record(t, tNew - t, tNew, _yNew, _stepData, out var stepEnd);
            _yNew.CopyTo(_y, 0);
            t = stepEnd;
            if (outcome == StepOutcome.Stop)
            {
                break;
            }

            if (outcome == StepOutcome.Restart)
            {
                // The state changed at an event: start the differences again from it, at order 1, with a step chosen
                // afresh as at the start.
                Evaluate(t, _y, _f0);
                if (recorder.StateJumped && _options.InitialStep is null)
                {
                    var remaining = Math.Abs(t1 - t);
                    hAbs = Math.Min(StiffSupport.InitialStep(_y, _f0, _atol, _rtol, remaining), Math.Min(_options.MaxStep, remaining));
                }

                order = 1;
                ResetDifferences(hAbs * direction);
                equalSteps = 0;
                luFresh = false;
                continue;
            }

            if (recorder.NeedsInterpolant)
            {
                _f1.CopyTo(_f0, 0);
            }
        }

        solution.Statistics = new OdeStatistics(accepted, rejected, _rhsCalls, _jacobians, _factorizations, clock.Elapsed);
        return solution;
    }

    // γ₀ = 0, γₖ = Σ_{j ≤ k} 1/j; with κ = 0, αₖ = γₖ.
    private static double[] Gamma()
    {
        var gamma = new double[MaxOrder + 1];
        for (var k = 1; k <= MaxOrder; k++)
        {
            gamma[k] = gamma[k - 1] + (1.0 / k);
        }

        return gamma;
    }

    private static double Alpha(int order) => s_gamma[order];

    private void ResetDifferences(double h)
    {
        foreach (var row in _d)
        {
            Array.Clear(row);
        }

        _y.CopyTo(_d[0], 0);
        for (var i = 0; i < _n; i++)
        {
            _d[1][i] = _f0[i] * h;
        }
    }

    private void Predict(int order)
    {
        for (var i = 0; i < _n; i++)
        {
            var sum = 0.0;
            for (var k = 0; k <= order; k++)
            {
                sum += _d[k][i];
            }

            _yPredict[i] = sum;
            _scale[i] = _atol[i] + (_rtol[i] * Math.Abs(sum));
            var psi = 0.0;
            for (var k = 1; k <= order; k++)
            {
                psi += _d[k][i] * s_gamma[k];
            }

            _psi[i] = psi / Alpha(order);
        }
    }

    /// <summary>Simplified Newton for y − c f(t, y) = ψ-form; returns convergence and the iterations used.</summary>
    private (bool Converged, int Iterations) Newton(double t, double c, double tolerance)
    {
        Array.Clear(_correction);
        _yPredict.CopyTo(_yNew, 0);
        var previousNorm = double.NaN;
        for (var k = 0; k < NewtonMaxIterations; k++)
        {
            Evaluate(t, _yNew, _f);
            if (!Vectors.AllFinite(_f))
            {
                return (false, k + 1);
            }

            for (var i = 0; i < _n; i++)
            {
                _dy[i] = (c * _f[i]) - _psi[i] - _correction[i];
            }

            _lu.Solve(_dy);
            var norm = 0.0;
            for (var i = 0; i < _n; i++)
            {
                var r = _dy[i] / _scale[i];
                norm += r * r;
            }

            norm = Math.Sqrt(norm / _n);
            var rate = double.IsNaN(previousNorm) ? double.NaN : norm / previousNorm;
            if (!double.IsNaN(rate) && (rate >= 1 || (Math.Pow(rate, NewtonMaxIterations - k) / (1 - rate) * norm) > tolerance))
            {
                return (false, k + 1);
            }

            for (var i = 0; i < _n; i++)
            {
                _yNew[i] += _dy[i];
                _correction[i] += _dy[i];
            }

            if (norm == 0 || (!double.IsNaN(rate) && (rate / (1 - rate) * norm) < tolerance))
            {
                return (true, k + 1);
            }

            previousNorm = norm;
        }

        return (false, NewtonMaxIterations);
    }

    // RMS norm of constant · v against atol + rtol·|y_new|.
    private double Norm(double[] v, double constant, bool useNew)
    {
        var sum = 0.0;
        for (var i = 0; i < _n; i++)
        {
            var scale = _atol[i] + (_rtol[i] * Math.Abs(useNew ? _yNew[i] : _y[i]));
            var r = constant * v[i] / scale;
            sum += r * r;
        }

        return Math.Sqrt(sum / _n);
    }

    /// <summary>Rescales the differences for a step multiplied by <paramref name="factor"/> (Shampine and Reichelt's R·U).</summary>
    private void ChangeDifferences(int order, double factor)
    {
        var r = ComputeR(order, factor);
        var u = ComputeR(order, 1);
        var size = order + 1;
        // RU = R · U; D[0..order] ← (RU)ᵀ · D[0..order].
        var ru = new double[size, size];
        for (var i = 0; i < size; i++)
        {
            for (var j = 0; j < size; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < size; k++)
                {
                    sum += r[i, k] * u[k, j];
                }

                ru[i, j] = sum;
            }
        }

        var updated = new double[size][];
        for (var j = 0; j < size; j++)
        {
            updated[j] = new double[_n];
            for (var i = 0; i < size; i++)
            {
                var weight = ru[i, j];
                for (var s = 0; s < _n; s++)
                {
                    updated[j][s] += weight * _d[i][s];
                }
            }
        }

        for (var j = 0; j < size; j++)
        {
            updated[j].CopyTo(_d[j], 0);
        }
    }

    private static double[,] ComputeR(int order, double factor)
    {
        var size = order + 1;
        var m = new double[size, size];
        for (var j = 0; j < size; j++)
        {
            m[0, j] = 1;
        }

        for (var i = 1; i < size; i++)
        {
            for (var j = 1; j < size; j++)
            {
                m[i, j] = (i - 1 - (factor * j)) / i;
            }
        }

        // Cumulative product down each column.
        for (var i = 1; i < size; i++)
        {
            for (var j = 0; j < size; j++)
            {
                m[i, j] *= m[i - 1, j];
            }
        }

        return m;
    }

    private void Factorize(double c)
    {
        _factorizations++;
        var w = _lu.Matrix;
        for (var i = 0; i < _n * _n; i++)
        {
            w[i] = -c * _jacobian[i];
        }

        for (var i = 0; i < _n; i++)
        {
            w[(i * _n) + i] += 1;
        }

        if (!_lu.Factorize())
        {
            throw new OdeSolveException(OdeFailure.StepSizeUnderflow, _problem.T0, c, false, "I − cJ is singular");
        }
    }

    private void Jacobian(double t, double[] y)
    {
        _jacobians++;
        if (_problem.System is IJacobianSystem analytic)
        {
            analytic.Jacobian(t, y, _jacobian);
            return;
        }

        Evaluate(t, y, _work);
        StiffSupport.ForwardDifferenceJacobian(_evaluate, t, y, _work, _jacobian, _f);
    }

    private void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        _rhsCalls++;
        _problem.System.Rhs(t, y, dydt);
    }
}
