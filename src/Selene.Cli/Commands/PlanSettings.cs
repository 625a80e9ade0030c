using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Selene.Cli.Commands;

/// <summary>Arguments of <c>selene plan FILE</c>.</summary>
internal sealed class PlanSettings : CommandSettings
{
    [CommandArgument(0, "<FILE>")]
    [Description("Plan file: a scenario, the decisions with their values and costs, prices on measured quantities, and the constraints.")]
    public string File { get; init; } = "";

    [CommandOption("--out <DIR>")]
    [Description("Folder for the runs (runs/KEY/, shared with a sweep's), the chosen scenario and the report; a repeated plan reuses the runs there.")]
    [DefaultValue("plan-out")]
    public string Out { get; init; } = "plan-out";

    [CommandOption("-j|--jobs <N>")]
    [Description("Runs at once, each on its own thread of one worker process (default: the cores).")]
    public int? Jobs { get; init; }

    [CommandOption("--json")]
    [Description("Print the result (plan-result.json) on standard output.")]
    public bool Json { get; init; }

    public override ValidationResult Validate() =>
        Jobs is { } jobs && jobs is < 1 or > 256 ? ValidationResult.Error("--jobs: must be from 1 to 256") : ValidationResult.Success();
}
