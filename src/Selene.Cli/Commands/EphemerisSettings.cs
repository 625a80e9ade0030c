using System.ComponentModel;
using System.Globalization;
using Selene.Astro.Time;
using Selene.Core.Time;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Selene.Cli.Commands;

/// <summary>Arguments of <c>selene ephemeris</c>.</summary>
internal sealed class EphemerisSettings : CommandSettings
{
    /// <summary>The most rows one call prints.</summary>
    public const int MaxSteps = 1_000_000;

    [CommandOption("--from <T>")]
    [Description("First instant, UTC (ISO 8601, for example 2027-01-01 or 2027-01-01T06:00:00Z).")]
    public string? From { get; init; }

    [CommandOption("--to <T>")]
    [Description("Last instant, UTC; included when a step lands on it.")]
    public string? To { get; init; }

    [CommandOption("--step <D>")]
    [Description("Interval between rows: 10m, 1h, 1d …")]
    public string? Step { get; init; }

    [CommandOption("--site <NAME>")]
    [Description("Lunar site to report (repeatable). Default: every lunar site of the scenario.")]
    public string[] Sites { get; init; } = [];

    [CommandOption("--scenario <FILE>")]
    [Description("Scenario whose sites and ground stations to use. Default: the built-in earth-moon.")]
    public string? Scenario { get; init; }

    [CommandOption("--json")]
    [Description("Print the rows as JSON.")]
    public bool Json { get; init; }

    public DateTime FromUtc { get; private set; }

    public DateTime ToUtc { get; private set; }

    public double StepSeconds { get; private set; }

    public override ValidationResult Validate()
    {
        if (!TryInstant(From, out var from) || !TryInstant(To, out var to))
        {
            return ValidationResult.Error("--from and --to: expected UTC instants such as 2027-01-01 or 2027-01-01T06:00:00Z");
        }

        if (from < AstroTime.First || to >= AstroTime.End || from >= AstroTime.End || to < AstroTime.First)
        {
            return ValidationResult.Error("--from and --to: must lie within 1900-01-01 and 2100-12-31 (the range of the time-scale model)");
        }

        if (to < from)
        {
            return ValidationResult.Error("--to: must not be before --from");
        }

        if (!DurationText.TryParseSeconds(Step, out var step) || !(step >= 1))
        {
            return ValidationResult.Error("--step: expected a duration of at least 1 s, such as 10m, 1h or 1d");
        }

        if ((to - from).TotalSeconds / step >= MaxSteps)
        {
            return ValidationResult.Error(string.Create(CultureInfo.InvariantCulture, $"--step: more than {MaxSteps:N0} rows; take a longer step or a shorter span"));
        }

        (FromUtc, ToUtc, StepSeconds) = (from, to, step);
        return ValidationResult.Success();
    }

    private static bool TryInstant(string? text, out DateTime utc)
    {
        utc = default;
        if (text is null || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return false;
        }

        utc = parsed.UtcDateTime;
        return true;
    }
}
