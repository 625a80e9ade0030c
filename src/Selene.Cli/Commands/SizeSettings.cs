using System.ComponentModel;
using Selene.Power.Gpus;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Selene.Cli.Commands;

/// <summary>Arguments of <c>selene size</c>.</summary>
internal sealed class SizeSettings : CommandSettings
{
    /// <summary>Most GPUs one sizing covers.</summary>
    public const int MaxGpus = 100_000;

    [CommandOption("--site <NAME>")]
    [Description("The lunar site to size for, from the scenario.")]
    public string? Site { get; init; }

    [CommandOption("--gpus <N>")]
    [Description("Number of GPUs to power.")]
    public int Gpus { get; init; }

    [CommandOption("--gpu-type <T>")]
    [Description("GPU type with known power states: H100, H200, B200, A100, L40S.")]
    public string? GpuType { get; init; }

    [CommandOption("--through-night")]
    [Description("Keep the GPUs at full power through the night (default: by day only, the battery carrying the rest of the node).")]
    public bool ThroughNight { get; init; }

    [CommandOption("--scenario <FILE>")]
    [Description("Scenario whose sites to use. Default: the built-in earth-moon.")]
    public string? Scenario { get; init; }

    [CommandOption("--base-watts <W>")]
    [Description("Draw of the node but its GPUs. Default 400.")]
    public double BaseWatts { get; init; } = 400;

    [CommandOption("--kg-per-kw <KG>")]
    [Description("Array mass per kilowatt of rated output. Default 10.")]
    public double KilogramsPerKilowatt { get; init; } = 10;

    [CommandOption("--kg-per-kwh <KG>")]
    [Description("Storage mass per kilowatt-hour. Default 6.")]
    public double KilogramsPerKilowattHour { get; init; } = 6;

    [CommandOption("--out <DIR>")]
    [Description("Folder for the plot of the state of charge over the year. Default: out.")]
    public string Out { get; init; } = "out";

    [CommandOption("--json")]
    [Description("Print the sizing as JSON.")]
    public bool Json { get; init; }

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Site))
        {
            return ValidationResult.Error("--site: name the lunar site to size for");
        }

        if (Gpus is <= 0 or > MaxGpus)
        {
            return ValidationResult.Error($"--gpus: expected a whole number of GPUs from 1 to {MaxGpus:N0} (a site's array and storage are sized for one node's worth at a time)");
        }

        if (GpuType is null || GpuPowerModel.BuiltIn(GpuType) is null)
        {
            return ValidationResult.Error($"--gpu-type: expected one of {string.Join(", ", GpuPowerModel.BuiltInNames)}");
        }

        if (!(BaseWatts >= 0) || !double.IsFinite(BaseWatts))
        {
            return ValidationResult.Error("--base-watts: expected watts, 0 or more");
        }

        return KilogramsPerKilowatt > 0 && KilogramsPerKilowattHour > 0 && double.IsFinite(KilogramsPerKilowatt) && double.IsFinite(KilogramsPerKilowattHour)
            ? ValidationResult.Success()
            : ValidationResult.Error("--kg-per-kw and --kg-per-kwh: expected masses above 0");
    }
}
