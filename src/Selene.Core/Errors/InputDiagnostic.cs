using System.Globalization;
using System.Text;

namespace Selene.Core.Errors;

/// <summary>How serious an <see cref="InputDiagnostic"/> is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>The input was accepted, but something in it deserves the user's attention.</summary>
    Warning,

    /// <summary>The input cannot be used as written.</summary>
    Error,
}

/// <summary>
/// One problem found in a file or request the user gave, located precisely enough to fix it:
/// the file, the 1-based line and column, and the field (a dotted path such as <c>tenants[0].budget</c>).
/// </summary>
/// <param name="Severity">Whether the input was rejected or merely questioned.</param>
/// <param name="File">The file as the user named it, or a label such as <c>&lt;built-in earth-moon&gt;</c>.</param>
/// <param name="Line">1-based line, or 0 when the problem concerns the file as a whole.</param>
/// <param name="Column">1-based column, or 0 when unknown.</param>
/// <param name="Field">Dotted path of the offending key, or an empty string for the whole file.</param>
/// <param name="Message">What is wrong, in words that say how to fix it.</param>
public sealed record InputDiagnostic(
    DiagnosticSeverity Severity, string File, int Line, int Column, string Field, string Message)
{
    /// <summary>Creates an error diagnostic.</summary>
    public static InputDiagnostic Error(string file, int line, int column, string field, string message) =>
        new(DiagnosticSeverity.Error, file, line, column, field, message);

    /// <summary>Creates a warning diagnostic.</summary>
    public static InputDiagnostic Warning(string file, int line, int column, string field, string message) =>
        new(DiagnosticSeverity.Warning, file, line, column, field, message);

    /// <summary>Formats as <c>file:line:column: error: field: message</c>, the shape compilers use.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(File);
        if (Line > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $":{Line}");
            if (Column > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $":{Column}");
            }
        }

        text.Append(Severity == DiagnosticSeverity.Error ? ": error: " : ": warning: ");
        if (Field.Length > 0)
        {
            text.Append(Field).Append(": ");
        }

        return text.Append(Message).ToString();
    }
}
