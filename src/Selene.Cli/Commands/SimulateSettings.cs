using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Selene.Cli.Commands;

/// <summary>Arguments of <c>selene simulate</c>.</summary>
internal sealed class SimulateSettings : CommandSettings
{
    [CommandArgument(0, "[SCENARIO]")]
    [Description("Scenario YAML file, or the name of a built-in scenario: earth-moon (the default: two Earth data centres and a lunar site that grows by launch, a week) or chaos (a year of cosmic faults).")]
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

    [CommandOption("--max-requests <N>")]
    [Description("Most requests the tenants may be expected to send over the run (mean rates times the duration); a scenario over it is refused before it starts.")]
    [DefaultValue(500e6)]
    public double MaxRequests { get; init; } = 500e6;

    [CommandOption("--max-in-flight <N>")]
    [Description("Most requests in flight at once (about 130 bytes each); the run stops with a clear error beyond it, as a backlog that large grows without bound.")]
    [DefaultValue(10_000_000L)]
    public long MaxInFlight { get; init; } = 10_000_000;

    [CommandOption("--json")]
    [Description("Print the metrics as JSON on standard output instead of the summary tables.")]
    public bool Json { get; init; }

    public override ValidationResult Validate()
    {
        if (Days is { } days && (!(days > 0) || !double.IsFinite(days) || days > 36_500))
        {
            return ValidationResult.Error("--days: must be a number of days greater than 0 and at most 36500");
        }

        return !(MaxRequests >= 1) || !double.IsFinite(MaxRequests) || MaxInFlight < 1
            ? ValidationResult.Error("--max-requests and --max-in-flight: must be at least 1")
            : ValidationResult.Success();
    }
}
