namespace Selene.Testing;

/// <summary>YAML written to hurt a reader: every YAML Selene reads is fed these, and must refuse each with a located error.</summary>
internal static class HostileYaml
{
    /// <summary>The text of a malformed flow mapping that YamlDotNet once let escape as a plain exception.</summary>
    public const string MalformedFlowMapping = "a:\n  b: { s[ale: 40m }\n  c: 1\n";

    /// <summary>Text nested <paramref name="depth"/> lists deep under <paramref name="key"/>.</summary>
    public static string Nested(int depth, string key = "name") => key + ": " + new string('[', depth) + new string(']', depth) + "\n";

    /// <summary>Nine levels of <c>&amp;x [*x × 10]</c> under <paramref name="key"/>: a billion nodes once the aliases are expanded.</summary>
    public static string AliasBomb(string key = "name")
    {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
        for (var level = 1; level <= 9; level++)
        {
            text += $"a{level}: &a{level} [{string.Join(", ", Enumerable.Repeat($"*a{level - 1}", 10))}]\n";
        }

        return text + $"{key}: *a9\n";
    }

    /// <summary>Writes a file of <paramref name="bytes"/> (sparse where the file system allows) at <paramref name="path"/>.</summary>
    public static string FileOfSize(string path, long bytes)
    {
        using var file = File.Create(path);
        file.SetLength(bytes);
        return path;
    }
}
