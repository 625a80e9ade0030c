using System.ComponentModel;
using System.Text.Json;
using Selene.Core.Errors;
using Selene.Moderation.Audit;
using Selene.Moderation.Classifiers;
using Selene.Moderation.Filtering;
using Selene.Moderation.Pdq;
using Selene.Moderation.Policy;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Selene.Cli.Commands;

/// <summary>Arguments of <c>selene moderate</c>.</summary>
internal sealed class ModerateSettings : CommandSettings
{
    [CommandArgument(0, "<PATHS>")]
    [Description("One or more image files or folders of them (searched recursively); a file that is not an image Selene decodes is quarantined and the rest go on.")]
    public string[] Paths { get; init; } = [];

    [CommandOption("--bank <FILE>")]
    [Description("Known hashes: one per line, 64 hex digits, optionally a tab and a label.")]
    public string? Bank { get; init; }

    [CommandOption("--policy <FILE>")]
    [Description("Moderation policy (YAML). Default: block within 31 bits of the bank, review quality below 50, allow the rest.")]
    public string? Policy { get; init; }

    [CommandOption("--tenant <NAME>")]
    [Description("Whose rules apply. Default: default.")]
    public string Tenant { get; init; } = "default";

    [CommandOption("--audit <DB>")]
    [Description("The audit log (SQLite) every decision is written to before anything is published. Default: moderation-audit.db.")]
    public string Audit { get; init; } = "moderation-audit.db";

    [CommandOption("--quarantine <DIR>")]
    [Description("Where inputs that are not images are put aside. Default: quarantine.")]
    public string Quarantine { get; init; } = "quarantine";

    [CommandOption("--encoder <MODEL>")]
    [Description("An image encoder (ONNX, input N×3×H×W) for --concepts and --probe; resnet18 names the one in the NuGet package.")]
    public string? Encoder { get; init; }

    [CommandOption("--concepts <FILE>")]
    [Description("Concept embeddings with thresholds (JSON) scored against the encoder's embedding: signals concept.NAME and concepts.")]
    public string? Concepts { get; init; }

    [CommandOption("--probe <FILE>")]
    [Description("A linear probe over the encoder's embedding (JSON: name, weights, bias), e.g. a generated-image detector: signal NAME.")]
    public string[] Probes { get; init; } = [];

    [CommandOption("--json")]
    [Description("Print one JSON object per item.")]
    public bool Json { get; init; }

    public override Spectre.Console.ValidationResult Validate() =>
        Encoder is null && (Concepts is not null || Probes.Length > 0)
            ? Spectre.Console.ValidationResult.Error("--concepts and --probe score an encoder's embedding: name it with --encoder")
            : Spectre.Console.ValidationResult.Success();
}

/// <summary>
/// <c>selene moderate PATH... [--bank FILE] [--policy FILE] [--json]</c>: each image through the filter (PDQ with its
/// dihedral variants against the bank, the policy, the audit log); prints the action, the rule and the signals. Inputs
/// that are not images are quarantined and recorded, and the exit code is then 2.
/// </summary>
internal sealed class ModerateCommand(CliConsoles consoles) : Command<ModerateSettings>
{
    private static readonly string[] s_images = [".jpg", ".jpeg", ".png", ".webp", ".gif", ".bmp", ".tif", ".tiff", ".tga", ".pbm"];
    private static readonly JsonSerializerOptions s_lines = new(CliJson.Options) { WriteIndented = false };

    public override int Execute(CommandContext context, ModerateSettings settings, CancellationToken cancellationToken)
    {
        OutputPath.CheckDatabase(settings.Audit, "--audit");
        OutputPath.CheckFolder(settings.Quarantine, "--quarantine");
        PdqBank bank;
        try
        {
            bank = settings.Bank is null ? PdqBank.Of([]) : PdqBank.Load(settings.Bank);
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            throw new InputException([InputDiagnostic.Error(settings.Bank!, 0, 0, "--bank", e.Message)]);
        }

        var policy = settings.Policy is null ? ModerationPolicy.Default : ModerationPolicy.Load(settings.Policy);
        var items = new List<string>();
        var missing = new List<InputDiagnostic>();
        foreach (var path in settings.Paths)
        {
            if (Directory.Exists(path))
            {
                items.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Where(f => s_images.Contains(Path.GetExtension(f).ToLowerInvariant())).Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                items.Add(path);
            }
            else
            {
                missing.Add(InputDiagnostic.Error(path, 0, 0, "PATH", "no such file or folder"));
            }
        }

        using var encoder = settings.Encoder is null ? null : Guard(settings.Encoder, "--encoder", () => new ImageEncoder(Selene.Inference.Models.BuiltInModels.Resolve(settings.Encoder)));
        var classifiers = encoder is null ? null : new[]
        {
            new EncoderSignals(encoder, settings.Concepts is null ? null : Guard(settings.Concepts, "--concepts", () => ConceptClassifier.Load(settings.Concepts, encoder.Dimension)),
                [.. settings.Probes.Select(p => Guard(p, "--probe", () => LinearProbe.Load(p, encoder.Dimension)))]),
        };
        using var audit = AuditLog.Open(settings.Audit);
        var moderator = new Moderator(bank, policy, audit, settings.Quarantine, classifiers: classifiers);
        var rejected = new List<InputDiagnostic>();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var outcome = moderator.Moderate(item, settings.Tenant);
            var action = outcome.Decision is { } d ? Moderator.Name(d.Action) : "reject";
            counts[action] = counts.GetValueOrDefault(action) + 1;
            if (outcome.Rejected is { } reason)
            {
                rejected.Add(InputDiagnostic.Error(item, 0, 0, "PATH", $"{reason}; quarantined as {outcome.Quarantined}, audit record {outcome.AuditSequence}"));
            }

            if (settings.Json)
            {
                consoles.RawOut.Write(JsonSerializer.Serialize(new
                {
                    item,
                    action,
                    rule = outcome.Decision?.Rule,
                    label = outcome.Decision?.Label,
                    hash = outcome.Hash?.Hash.ToString(),
                    quality = outcome.Hash?.Quality,
                    reasons = outcome.Decision?.Reasons,
                    rejected = outcome.Rejected,
                    published = outcome.Published,
                    audit = outcome.AuditSequence,
                }, s_lines) + "\n");
            }
            else
            {
                var why = outcome.Decision?.Reasons.LastOrDefault(r => r.Held) is { } held ? $"{held.Rule}: {held.Signal} {held.Value} {held.Comparison} {held.Threshold}" : outcome.Rejected ?? "no rule held";
                consoles.RawOut.Write($"{action}\t{item}\t{why}\n");
            }
        }

        if (!settings.Json)
        {
            consoles.Errors.MarkupLineInterpolated($"{items.Count} items: {string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Value} {c.Key}"))}; decisions in {settings.Audit}");
        }

        var problems = missing.Concat(rejected).ToList();
        return problems.Count == 0 ? SeleneApp.Success : throw new InputException(problems);
    }

    private static T Guard<T>(string file, string option, Func<T> load)
    {
        try
        {
            return load();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new InputException([InputDiagnostic.Error(file, 0, 0, option, e.Message)]);
        }
    }
}

/// <summary><c>selene audit verify DB</c>.</summary>
internal sealed class AuditVerifySettings : CommandSettings
{
    [CommandArgument(0, "<DB>")]
    [Description("The audit log (SQLite) to check.")]
    public string Database { get; init; } = "";

    [CommandOption("--expect-head <SEQ:HASH>")]
    [Description("A head printed by an earlier verify and kept elsewhere: the log must still hold that record with that hash (a deleted tail or a rewritten chain does not).")]
    public string? ExpectHead { get; init; }

    public override Spectre.Console.ValidationResult Validate() => ExpectHead is null || AuditHead.TryParse(ExpectHead, out _)
        ? Spectre.Console.ValidationResult.Success()
        : Spectre.Console.ValidationResult.Error("--expect-head: expected SEQUENCE:HASH as verify prints it, such as 42:3f0c… (64 hex digits)");
}

/// <summary>
/// <c>selene audit verify DB [--expect-head SEQ:HASH]</c>: walks the hash chain; prints the number of records and the
/// head (to keep elsewhere) when it holds, or names the first record that does not and exits 2.
/// </summary>
internal sealed class AuditVerifyCommand(CliConsoles consoles) : Command<AuditVerifySettings>
{
    public override int Execute(CommandContext context, AuditVerifySettings settings, CancellationToken cancellationToken)
    {
        OutputPath.CheckDatabase(settings.Database, "DB", mustExist: true);
        AuditVerification result;
        try
        {
            result = AuditLog.Verify(settings.Database, settings.ExpectHead is { } kept && AuditHead.TryParse(kept, out var head) ? head : null);
        }
        catch (Exception e) when (e is FileNotFoundException or Microsoft.Data.Sqlite.SqliteException)
        {
            throw new InputException([InputDiagnostic.Error(settings.Database, 0, 0, "DB", e.Message)]);
        }

        if (result.FirstBreak is { } broken)
        {
            throw new InputException([InputDiagnostic.Error(settings.Database, 0, 0, $"record {broken.Sequence}", $"the chain breaks here: {broken.Reason}")]);
        }

        consoles.RawOut.Write($"{settings.Database}: {result.Records} records, the chain holds; head {result.Head}\n");
        return SeleneApp.Success;
    }
}
