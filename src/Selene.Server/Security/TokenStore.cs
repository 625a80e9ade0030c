using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Selene.Core.Errors;

namespace Selene.Server.Security;

/// <summary>
/// The bearer tokens the service accepts, each with a name and a role. Tokens are kept only as SHA-256 hashes, so
/// neither memory dumps of the store nor logs carry them. A token file has one line per token,
/// <c>ROLE NAME TOKEN</c> (role viewer, operator, reviewer or admin; the token at least 16 characters); blank lines
/// and lines starting with # are skipped. Configuration (an environment variable) holds the same lines. A token listed
/// twice, or a file with no token at all, is an error: the last of two lines must not silently decide a token's role.
/// </summary>
public sealed class TokenStore
{
    private readonly Dictionary<string, (string Name, Role Role)> _byHash = new(StringComparer.Ordinal);

    /// <summary>A store of <paramref name="tokens"/> (token, name, role).</summary>
    public static TokenStore Of(IEnumerable<(string Token, string Name, Role Role)> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var store = new TokenStore();
        foreach (var (token, name, role) in tokens)
        {
            store._byHash[Hash(token)] = (name, role);
        }

        return store;
    }

    /// <summary>Reads a token file.</summary>
    /// <exception cref="InputException">Every bad line, with the file and line.</exception>
    public static TokenStore Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(InputFile.ReadText(path, "--tokens").ReplaceLineEndings("\n").Split('\n'), path);
    }

    /// <summary>
    /// Reads tokens from configuration: the same lines as a token file, separated by newlines or <c>;</c> (so one
    /// environment variable can hold them), <paramref name="source"/> naming where they came from in messages.
    /// </summary>
    /// <exception cref="InputException">Every bad entry, with its number.</exception>
    public static TokenStore FromConfiguration(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(text.Split(['\n', ';']), source);
    }

    private static TokenStore Parse(string[] lines, string path)
    {
        var errors = new List<InputDiagnostic>();
        var tokens = new List<(string, string, Role)>();
        var lineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var cells = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (cells.Length != 3 || !Enum.TryParse<Role>(cells[0], ignoreCase: true, out var role) || !Enum.IsDefined(role))
            {
                errors.Add(InputDiagnostic.Error(path, i + 1, 1, "token", "expected ROLE NAME TOKEN, the role viewer, operator, reviewer or admin"));
                continue;
            }

            if (cells[2].Length < 16)
            {
                errors.Add(InputDiagnostic.Error(path, i + 1, line.IndexOf(cells[2], StringComparison.Ordinal) + 1, "token", string.Create(CultureInfo.InvariantCulture, $"a token needs at least 16 characters; {cells[1]}'s has {cells[2].Length}")));
                continue;
            }

            if (lineOf.TryGetValue(cells[2], out var first))
            {
                errors.Add(InputDiagnostic.Error(path, i + 1, line.IndexOf(cells[2], StringComparison.Ordinal) + 1, "token",
                    string.Create(CultureInfo.InvariantCulture, $"{cells[1]}'s token is already listed on line {first}; each token must be listed once, with one role")));
                continue;
            }

            lineOf[cells[2]] = i + 1;
            tokens.Add((cells[2], cells[1], role));
        }

        if (errors.Count == 0 && tokens.Count == 0)
        {
            errors.Add(InputDiagnostic.Error(path, 0, 0, "token", "no tokens: give at least one line ROLE NAME TOKEN"));
        }

        return errors.Count > 0 ? throw new InputException(errors) : Of(tokens);
    }

    /// <summary>The name and role of <paramref name="token"/>, if it is one of the store's.</summary>
    public bool TryFind(string token, out string name, out Role role)
    {
        var found = _byHash.TryGetValue(Hash(token), out var entry);
        (name, role) = found ? entry : ("", Role.Viewer);
        return found;
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
