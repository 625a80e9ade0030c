using Selene.Core.Yaml;

namespace Selene.Core.Errors;

/// <summary>
/// Reading a file a user names: a file that cannot be read, or that is larger than Selene reads, is an input
/// error naming it, not a crash; a device or a pipe is never read forever.
/// </summary>
public static class InputFile
{
    /// <summary>The text of <paramref name="path"/>.</summary>
    /// <param name="path">The file as the user named it.</param>
    /// <param name="field">The option or field that named it, for the diagnostic.</param>
    /// <param name="cannotRead">What the message says before the reason, such as <c>cannot read the scenario</c>.</param>
    /// <param name="maxBytes">The largest file read; <see cref="YamlLimits.MaxBytes"/> of the default limits when 0.</param>
    /// <exception cref="InputException">The file is missing, unreadable, empty or too large.</exception>
    public static string ReadText(string path, string field, string cannotRead = "cannot read", long maxBytes = 0)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (maxBytes <= 0)
        {
            maxBytes = YamlLimits.Default.MaxBytes;
        }

        try
        {
            if (Directory.Exists(path))
            {
                throw Error(path, field, $"{cannotRead}: it is a folder, not a file");
            }

            // A device (/dev/zero) or a pipe reports no length; opening a pipe would wait for a writer, and reading a
            // device may never end, so neither is opened. An empty regular file has nothing to read either.
            var info = new FileInfo(path);
            if (info.Exists && info.Length == 0)
            {
                throw Error(path, field, $"{cannotRead}: it is empty, or not a regular file (a device or a pipe)");
            }

            if (info.Exists && info.Length > maxBytes)
            {
                throw Error(path, field, $"{cannotRead}: {YamlInput.TooLarge(info.Length, maxBytes)}");
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            using var bounded = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                if (bounded.Length + read > maxBytes)
                {
                    throw Error(path, field, $"{cannotRead}: {YamlInput.TooLarge(bounded.Length + read, maxBytes)}");
                }

                bounded.Write(buffer, 0, read);
            }

            bounded.Position = 0;
            using var text = new StreamReader(bounded, detectEncodingFromByteOrderMarks: true);
            return text.ReadToEnd();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Error(path, field, $"{cannotRead}: {e.Message}");
        }
    }

    private static InputException Error(string path, string field, string message) =>
        new(InputDiagnostic.Error(path, 0, 0, field, message));
}
