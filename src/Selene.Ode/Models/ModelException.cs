using System.Globalization;

namespace Selene.Ode.Models;

/// <summary>A model file that cannot be used, located by file, 1-based line and column, and key.</summary>
public sealed class ModelException(string file, int line, int column, string field, string reason)
    : Exception(string.Create(CultureInfo.InvariantCulture, $"{file}:{line}:{column}: error: {field}: {reason}"))
{
    /// <summary>The model file.</summary>
    public string File { get; } = file;

    /// <summary>1-based line.</summary>
    public int Line { get; } = line;

    /// <summary>1-based column.</summary>
    public int Column { get; } = column;

    /// <summary>The key, such as <c>rhs.dy1</c>.</summary>
    public string Field { get; } = field;

    /// <summary>What is wrong.</summary>
    public string Reason { get; } = reason;
}
