using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Selene.Cli.Commands;

/// <summary>Arguments of <c>selene contacts</c>.</summary>
internal sealed class ContactsSettings : CommandSettings
{
    [CommandArgument(0, "[SCENARIO]")]
    [Description("Scenario YAML file, or the name of a built-in scenario (default: earth-moon).")]
    public string? Scenario { get; init; }

    [CommandOption("--days <N>")]
    [Description("Days the plan covers from the scenario's epoch (default: the scenario's duration).")]
    public double? Days { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("Folder for contacts.csv, contacts.json and coverage.png.")]
    [DefaultValue("out")]
    public string Out { get; init; } = "out";

    [CommandOption("--json")]
    [Description("Print the plan as JSON on standard output instead of the summary.")]
    public bool Json { get; init; }

    public override ValidationResult Validate() =>
        Days is { } days && (!(days > 0) || !double.IsFinite(days) || days > 3660)
            ? ValidationResult.Error("--days: must be a number of days greater than 0 and at most 3660")
            : ValidationResult.Success();
}
