using System.Globalization;

namespace Selene.Ode.Solutions;

/// <summary>Why a solve stopped before the end of its span.</summary>
public enum OdeFailure
{
    /// <summary>The step limit was reached.</summary>
    MaxStepsReached,

    /// <summary>The step size fell below the minimum or below round-off.</summary>
    StepSizeUnderflow,

    /// <summary>The right-hand side returned NaN or infinity even for small steps.</summary>
    NonFiniteDerivative,
}

/// <summary>A solve that could not finish, with the time and step where it stopped and the likely cause.</summary>
public sealed class OdeSolveException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OdeSolveException(OdeFailure failure, double time, double stepSize, bool stiffnessSuspected, string? detail = null)
        : base(Describe(failure, time, stepSize, stiffnessSuspected, detail))
    {
        Failure = failure;
        Time = time;
        StepSize = stepSize;
        StiffnessSuspected = stiffnessSuspected;
    }

    /// <summary>Why it stopped.</summary>
    public OdeFailure Failure { get; }

    /// <summary>The time reached.</summary>
    public double Time { get; }

    /// <summary>The step size at that time.</summary>
    public double StepSize { get; }

    /// <summary>True when the step-size history suggests the problem is stiff for an explicit method.</summary>
    public bool StiffnessSuspected { get; }

    private static string Describe(OdeFailure failure, double time, double step, bool stiff, string? detail)
    {
        var what = failure switch
        {
            OdeFailure.MaxStepsReached => "reached the step limit",
            OdeFailure.StepSizeUnderflow => "step size underflow",
            _ => "the right-hand side returned NaN or infinity",
        };
        var hint = stiff
            ? "the problem appears stiff: use a stiff method"
            : failure switch
            {
                OdeFailure.NonFiniteDerivative => "check the right-hand side near this state",
                OdeFailure.StepSizeUnderflow => "the solution may blow up or have a singularity here",
                _ => "raise MaxSteps or loosen the tolerances",
            };
        return string.Create(CultureInfo.InvariantCulture, $"{what} at t = {time:G10} with h = {step:G4}; {hint}") + (detail is null ? "" : $" ({detail})");
    }
}
