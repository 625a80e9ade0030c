using System.ComponentModel;
using System.Text.Json;
using Selene.Core.Errors;
using Selene.Moderation.Images;
using Selene.Moderation.Pdq;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Selene.Cli.Commands;

/// <summary>Arguments of <c>selene pdq</c>.</summary>
internal sealed class PdqSettings : CommandSettings
{
    [CommandArgument(0, "<FILES>")]
    [Description("One or more image files: JPEG, PNG, WebP, GIF, BMP, ICO or WBMP (as SkiaSharp decodes them).")]
    public string[] Files { get; init; } = [];

    [CommandOption("--dihedral")]
    [Description("Also print the hashes of the image rotated and flipped the eight ways.")]
    public bool Dihedral { get; init; }

    [CommandOption("--json")]
    [Description("Print one JSON object per file.")]
    public bool Json { get; init; }
}

/// <summary>
/// <c>selene pdq FILE... [--dihedral] [--json]</c>: each file's PDQ hash (64 hex digits, as Meta's reference prints
/// them) and quality. Files that are not whole, sane images are named with the reason, and the exit code is 2.
/// </summary>
internal sealed class PdqCommand(CliConsoles consoles) : Command<PdqSettings>
{
    private static readonly JsonSerializerOptions s_lines = new(CliJson.Options) { WriteIndented = false };
    private static readonly string[] s_dihedralNames = ["rot90", "rot180", "rot270", "flipx", "flipy", "flipp", "flipm"];

    public override int Execute(CommandContext context, PdqSettings settings, CancellationToken cancellationToken)
    {
        var rejected = new List<InputDiagnostic>();
        var results = new List<PdqFileResult>();
        foreach (var file in settings.Files)
        {
            try
            {
                var result = PdqHasher.HashFile(file, settings.Dihedral);
                results.Add(new PdqFileResult(file, result.Hash.ToString(), result.Quality,
                    result.Dihedral?.All.Select(h => h.ToString()).ToList()));
            }
            catch (ImageRejectedException e)
            {
                rejected.Add(InputDiagnostic.Error(file, 0, 0, "FILE", e.Reason));
            }
        }

        if (settings.Json)
        {
            foreach (var result in results)
            {
                consoles.RawOut.Write(JsonSerializer.Serialize(result, s_lines) + "\n");
            }
        }
        else
        {
            foreach (var result in results)
            {
                consoles.RawOut.Write($"{result.Hash}\t{result.Quality}\t{result.File}\n");
                foreach (var (name, hash) in s_dihedralNames.Zip((result.Dihedral ?? []).Skip(1)))
                {
                    consoles.RawOut.Write($"{hash}\t{name}\t{result.File}\n");
                }
            }
        }

        return rejected.Count == 0 ? SeleneApp.Success : throw new InputException(rejected);
    }
}

/// <summary>One file's hash, as <c>selene pdq --json</c> prints it.</summary>
internal sealed record PdqFileResult(string File, string Hash, int Quality, IReadOnlyList<string>? Dihedral);
