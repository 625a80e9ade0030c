namespace Selene.Ode.Problems;

/// <summary>An initial-value problem: a system, a time span and the state at its start.</summary>
public sealed record OdeProblem
{
    /// <summary>Creates the problem.</summary>
    /// <exception cref="ArgumentException">The span has zero length, a time is not finite, or the state has the wrong size or is not finite.</exception>
    public OdeProblem(IOdeSystem system, double t0, double t1, double[] y0)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(y0);
        if (!double.IsFinite(t0) || !double.IsFinite(t1) || t0 == t1)
        {
            throw new ArgumentException($"the time span [{t0}, {t1}] must be finite and of non-zero length", nameof(t1));
        }

        if (y0.Length != system.Dimension || !y0.All(double.IsFinite))
        {
            throw new ArgumentException($"the initial state needs {system.Dimension} finite values, got {y0.Length}", nameof(y0));
        }

        System = system;
        T0 = t0;
        T1 = t1;
        Y0 = y0;
    }

    /// <summary>The system.</summary>
    public IOdeSystem System { get; }

    /// <summary>Start time.</summary>
    public double T0 { get; }

    /// <summary>End time (may be before <see cref="T0"/>: integration runs backwards).</summary>
    public double T1 { get; }

    /// <summary>The state at <see cref="T0"/>.</summary>
    public double[] Y0 { get; }
}
