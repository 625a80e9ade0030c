namespace Selene.Core.Errors;

/// <summary>Reading a file a user names: a file that cannot be read is an input error naming it, not a crash.</summary>
public static class InputFile
{
    /// <summary>The text of <paramref name="path"/>.</summary>
    /// <param name="path">The file as the user named it.</param>
    /// <param name="field">The option or field that named it, for the diagnostic.</param>
    /// <param name="cannotRead">What the message says before the reason, such as <c>cannot read the scenario</c>.</param>
    /// <exception cref="InputException">The file is missing or unreadable.</exception>
    public static string ReadText(string path, string field, string cannotRead = "cannot read")
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(InputDiagnostic.Error(path, 0, 0, field, $"{cannotRead}: {e.Message}"));
        }
    }
}
