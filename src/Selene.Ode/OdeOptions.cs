using System.Globalization;

namespace Selene.Ode;

/// <summary>Settings of a solve. Every setting is checked before the solve starts; an invalid one is an error.</summary>
public sealed class OdeOptions
{
    /// <summary>Relative tolerance for every component. Default 1e-6.</summary>
    public double RelativeTolerance { get; init; } = 1e-6;

    /// <summary>Absolute tolerance for every component. Default 1e-9.</summary>
    public double AbsoluteTolerance { get; init; } = 1e-9;

    /// <summary>Per-component relative tolerances, overriding <see cref="RelativeTolerance"/>. Default none.</summary>
    public IReadOnlyList<double>? RelativeTolerances { get; init; }

    /// <summary>Per-component absolute tolerances, overriding <see cref="AbsoluteTolerance"/>. Default none.</summary>
    public IReadOnlyList<double>? AbsoluteTolerances { get; init; }

    /// <summary>First step size; default chosen automatically (Hairer and Wanner, <i>Solving ODEs I</i>, §II.4).</summary>
    public double? InitialStep { get; init; }

    /// <summary>Step size of a fixed-step method. Default: the span divided by 1000.</summary>
    public double? FixedStep { get; init; }

    /// <summary>Smallest step an adaptive method may take before giving up. Default 0 (limited by round-off).</summary>
    public double MinStep { get; init; }

    /// <summary>Largest step. Default unlimited.</summary>
    public double MaxStep { get; init; } = double.PositiveInfinity;

    /// <summary>Most steps (accepted and rejected) before giving up. Default 100,000.</summary>
    public int MaxSteps { get; init; } = 100_000;

    /// <summary>Times at which to report the state (monotone, within the span); default every step.</summary>
    public IReadOnlyList<double>? OutputTimes { get; init; }

    /// <summary>Keep every step's interpolant so the solution can be evaluated anywhere. Default true.</summary>
    public bool DenseOutput { get; init; } = true;

    /// <summary>Events to locate (zero crossings of functions of t and y). Default none.</summary>
    public IReadOnlyList<Events.OdeEvent>? Events { get; init; }

    /// <summary>Safety factor of the step controller. Default 0.9.</summary>
    public double Safety { get; init; } = 0.9;

    /// <summary>Smallest step-size ratio from one step to the next. Default 0.2.</summary>
    public double MinFactor { get; init; } = 0.2;

    /// <summary>Largest step-size ratio from one step to the next. Default 10.</summary>
    public double MaxFactor { get; init; } = 10;

    /// <summary>β of Hairer's PI controller (0 gives the plain I controller). Default 0.04, as in dopri5.f.</summary>
    public double Beta { get; init; } = 0.04;

    internal void Validate(int dimension, bool adaptive, string method, double t0, double t1)
    {
        // Messages that need formatting are built only when they are needed: a solve a day over a year checks
        // every output time.
        static void Fail(string setting, string rule) => throw new ArgumentException($"{setting}: {rule}", setting);

        static void Require(bool condition, string setting, string rule)
        {
            if (!condition)
            {
                Fail(setting, rule);
            }
        }

        Require(RelativeTolerance is > 0 and < 1, nameof(RelativeTolerance), "must be in (0, 1)");
        Require(AbsoluteTolerance > 0 && double.IsFinite(AbsoluteTolerance), nameof(AbsoluteTolerance), "must be positive");
        if (RelativeTolerances is not null && !(RelativeTolerances.Count == dimension && RelativeTolerances.All(r => r is > 0 and < 1)))
        {
            Fail(nameof(RelativeTolerances), string.Create(CultureInfo.InvariantCulture, $"needs {dimension} values in (0, 1)"));
        }

        if (AbsoluteTolerances is not null && !(AbsoluteTolerances.Count == dimension && AbsoluteTolerances.All(a => a > 0 && double.IsFinite(a))))
        {
            Fail(nameof(AbsoluteTolerances), string.Create(CultureInfo.InvariantCulture, $"needs {dimension} positive values"));
        }

        Require(InitialStep is null || (InitialStep > 0 && double.IsFinite(InitialStep.Value)), nameof(InitialStep), "must be positive");
        Require(FixedStep is null || (FixedStep > 0 && double.IsFinite(FixedStep.Value)), nameof(FixedStep), "must be positive");
        if (FixedStep is not null && adaptive)
        {
            Fail(nameof(FixedStep), $"applies to fixed-step methods; {method} adapts its step");
        }

        if (InitialStep is not null && !adaptive)
        {
            Fail(nameof(InitialStep), $"applies to adaptive methods; {method} takes FixedStep");
        }
        Require(MinStep >= 0 && MinStep < MaxStep, nameof(MinStep), "must be at least 0 and below MaxStep");
        Require(MaxStep > 0, nameof(MaxStep), "must be positive");
        Require(MaxSteps > 0, nameof(MaxSteps), "must be positive");
        Require(Safety is > 0 and <= 1, nameof(Safety), "must be in (0, 1]");
        Require(MinFactor is > 0 and < 1, nameof(MinFactor), "must be in (0, 1)");
        Require(MaxFactor > 1, nameof(MaxFactor), "must exceed 1");
        Require(Beta is >= 0 and < 0.2, nameof(Beta), "must be in [0, 0.2)");
        Require(Events is null || Events.All(e => e.TimeTolerance > 0 && (e.MaxOccurrences ?? 1) > 0), nameof(Events),
            "each event needs a positive TimeTolerance and, when counted, MaxOccurrences of at least 1");
        if (OutputTimes is { } times)
        {
            var direction = Math.Sign(t1 - t0);
            var low = Math.Min(t0, t1);
            var high = Math.Max(t0, t1);
            for (var i = 0; i < times.Count; i++)
            {
                if (!(times[i] >= low && times[i] <= high))
                {
                    Fail(nameof(OutputTimes), string.Create(CultureInfo.InvariantCulture, $"time {times[i]} lies outside [{low}, {high}]"));
                }

                Require(i == 0 || Math.Sign(times[i] - times[i - 1]) == direction, nameof(OutputTimes), "must run strictly in the direction of integration");
            }
        }
    }
}
