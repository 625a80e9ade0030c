namespace Selene.Core.Errors;

/// <summary>
/// Checks of the places a user names for Selene to write, made before any work starts, so a mistake costs nothing:
/// an input error naming the option, never a failure after the run.
/// </summary>
public static class OutputPath
{
    private static readonly byte[] s_sqliteHeader = "SQLite format 3\0"u8.ToArray();

    /// <summary>Creates the folder <paramref name="path"/> if need be and checks a file can be written in it.</summary>
    /// <exception cref="InputException">It is a file, or cannot be created or written.</exception>
    public static void PrepareFolder(string path, string option)
    {
        ArgumentNullException.ThrowIfNull(path);
        CheckFolder(path, option);
        try
        {
            Directory.CreateDirectory(path);
            var probe = Path.Combine(path, $".selene-write-check-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(InputDiagnostic.Error(path, 0, 0, option, $"cannot write there: {e.Message}"));
        }
    }

    /// <summary>Checks that <paramref name="path"/> is a folder or nothing yet (it is made when first needed).</summary>
    /// <exception cref="InputException">It is a file.</exception>
    public static void CheckFolder(string path, string option)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (File.Exists(path))
        {
            throw new InputException(InputDiagnostic.Error(path, 0, 0, option, "is a file; give a folder"));
        }
    }

    /// <summary>
    /// Checks that <paramref name="path"/> can be a SQLite database: an existing SQLite file, an empty file, or a new
    /// file in a folder that exists; or, when <paramref name="mustExist"/>, an existing SQLite file.
    /// </summary>
    /// <exception cref="InputException">It is a folder, another kind of file, missing when it must exist, or in no folder.</exception>
    public static void CheckDatabase(string path, string option, bool mustExist = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        string? problem = null;
        if (Directory.Exists(path))
        {
            problem = "is a folder; give a SQLite database file";
        }
        else if (File.Exists(path))
        {
            try
            {
                using var file = File.OpenRead(path);
                var header = new byte[s_sqliteHeader.Length];
                var read = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
                problem = read == 0 && !mustExist ? null
                    : read < header.Length || !header.AsSpan().SequenceEqual(s_sqliteHeader) ? "is not a SQLite database" : null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problem = $"cannot be read: {e.Message}";
            }
        }
        else if (mustExist)
        {
            problem = "no such file";
        }
        else if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder && !Directory.Exists(folder))
        {
            problem = $"its folder {folder} does not exist";
        }

        if (problem is not null)
        {
            throw new InputException(InputDiagnostic.Error(path, 0, 0, option, problem));
        }
    }
}
