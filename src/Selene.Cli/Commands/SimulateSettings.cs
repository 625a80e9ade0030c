using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Selene.Cli.Commands;

/// <summary>Arguments of <c>selene simulate</c>.</summary>
internal sealed class SimulateSettings : CommandSettings
{
    [CommandArgument(0, "[SCENARIO]")]
    [Description("Scenario YAML file, or the name of a built-in scenario. Default: the built-in earth-moon.")]
    public string? Scenario { get; init; }

    [CommandOption("--days <N>")]
    [Description("Simulated days, overriding the scenario's duration.")]
    public double? Days { get; init; }

    [CommandOption("--seed <S>")]
    [Description("Random seed, overriding the scenario's.")]
    public ulong? Seed { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("Folder for metrics.json, report.html and the plots.")]
    [DefaultValue("out")]
    public string Out { get; init; } = "out";

    [CommandOption("--json")]
    [Description("Print the metrics as JSON on standard output instead of the summary tables.")]
    public bool Json { get; init; }

    public override ValidationResult Validate() =>
        Days is { } days && (!(days > 0) || !double.IsFinite(days) || days > 36_500)
            ? ValidationResult.Error("--days: must be a number of days greater than 0 and at most 36500")
            : ValidationResult.Success();
}
