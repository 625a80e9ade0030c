using System.Globalization;
using Selene.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Selene.Core.Yaml;

/// <summary>
/// The one way Selene reads YAML a user gives: files up to <see cref="YamlLimits.MaxBytes"/>, nesting and alias
/// expansion within <see cref="YamlLimits"/>, and every problem, YamlDotNet's own included, an
/// <see cref="InputException"/> naming the file, line, column and field.
/// </summary>
public static class YamlInput
{
    /// <summary>Reads and parses the YAML file at <paramref name="path"/>.</summary>
    /// <param name="path">The file as the user named it.</param>
    /// <param name="field">The option or field that named it, for diagnostics about the file as a whole.</param>
    /// <param name="limits">The limits; <see cref="YamlLimits.Default"/> when null.</param>
    /// <exception cref="InputException">The file cannot be read, is too large, or is not YAML within the limits.</exception>
    public static YamlStream LoadFile(string path, string field, YamlLimits? limits = null)
    {
        limits ??= YamlLimits.Default;
        return Load(InputFile.ReadText(path, field, "cannot read", limits.MaxBytes), path, limits);
    }

    /// <summary>Parses YAML text into documents.</summary>
    /// <param name="yaml">The text.</param>
    /// <param name="file">Names the text in diagnostics.</param>
    /// <param name="limits">The limits; <see cref="YamlLimits.Default"/> when null.</param>
    /// <exception cref="InputException">The text is not YAML within the limits.</exception>
    public static YamlStream Load(string yaml, string file, YamlLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        limits ??= YamlLimits.Default;
        if (yaml.Length > limits.MaxBytes)
        {
            throw new InputException(InputDiagnostic.Error(file, 0, 0, "", TooLarge(yaml.Length, limits.MaxBytes)));
        }

        var guard = new YamlGuard(new Parser(new StringReader(yaml)), file, limits);
        var stream = new YamlStream();
        try
        {
            stream.Load(guard);
        }
        catch (YamlException e)
        {
            throw guard.Error(e.Start, "not valid YAML: " + Describe(e));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // YamlDotNet lets some malformed input escape as plain exceptions; place them where the parser stopped.
            throw guard.Error(guard.Current?.Start ?? Mark.Empty, "not valid YAML: the parser cannot go on here; check the brackets and braces of a flow mapping or list ({ a: 1 }, [a, b])");
        }

        return stream;
    }

    /// <summary>Says that an input of <paramref name="bytes"/> is over <paramref name="limit"/>.</summary>
    public static string TooLarge(long bytes, long limit) => $"larger than the {Size(limit)} Selene reads ({Size(bytes)} or more)";

    private static string Size(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.#} MiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} bytes");

    private static string Describe(YamlException e)
    {
        var message = e.InnerException?.Message ?? e.Message;

        // YamlDotNet prefixes its own "(Line: 3, Col: 5, Idx: 20) - (...): " location; ours is in front already.
        var start = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && start > 0 ? message[(start + 3)..] : message;
    }
}
