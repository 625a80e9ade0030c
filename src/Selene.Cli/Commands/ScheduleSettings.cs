using System.ComponentModel;
using System.Globalization;
using Selene.Astro.Time;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Selene.Cli.Commands;

/// <summary>Arguments of <c>selene schedule</c>.</summary>
internal sealed class ScheduleSettings : CommandSettings
{
    [CommandOption("-f|--filename <PATH>")]
    [Description("Manifest file or folder (repeatable): nodes, pods, namespaces, priority classes, quotas and a KubeSchedulerConfiguration.")]
    public string[] Paths { get; init; } = [];

    [CommandOption("--explain")]
    [Description("Print, per pod, each plugin's filter verdict and score on each node it evaluated.")]
    public bool Explain { get; init; }

    [CommandOption("--json")]
    [Description("Print placements (and explanations with --explain) as JSON.")]
    public bool Json { get; init; }

    [CommandOption("--at <T>")]
    [Description("UTC instant for light times of nodes on the Moon. Default: 2027-01-01T00:00:00Z.")]
    public string? At { get; init; }

    [CommandOption("--seed <N>")]
    [Description("Seed for breaking ties between equally scored nodes. Default: 1.")]
    public int Seed { get; init; } = 1;

    public DateTime AtUtc { get; private set; } = new(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public override ValidationResult Validate()
    {
        if (Paths.Length == 0)
        {
            return ValidationResult.Error("-f: name at least one manifest file or folder");
        }

        if (At is not null)
        {
            if (!DateTimeOffset.TryParse(At, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
                || at.UtcDateTime < AstroTime.First || at.UtcDateTime >= AstroTime.End)
            {
                return ValidationResult.Error("--at: expected a UTC instant between 1900 and 2100, such as 2027-01-01T06:00:00Z");
            }

            AtUtc = at.UtcDateTime;
        }

        return ValidationResult.Success();
    }
}
