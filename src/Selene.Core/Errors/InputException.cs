namespace Selene.Core.Errors;

/// <summary>
/// Thrown when user input cannot be used. Carries every error found, not only the first,
/// so one run tells the user all that needs fixing. The command line maps it to exit code 2.
/// </summary>
public sealed class InputException : Exception
{
    /// <summary>Creates the exception from one or more error diagnostics.</summary>
    public InputException(IReadOnlyList<InputDiagnostic> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception from a single error.</summary>
    public InputException(InputDiagnostic error)
        : this([error])
    {
    }

    /// <summary>The errors, in the order they were found.</summary>
    public IReadOnlyList<InputDiagnostic> Errors { get; }

    private static string Describe(IReadOnlyList<InputDiagnostic> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count == 0
            ? "invalid input"
            : string.Join(Environment.NewLine, errors.Select(e => e.ToString()));
    }
}
