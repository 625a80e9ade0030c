using System.Globalization;
using System.Text.Json;
using Selene.Astro.Sunlight;
using Selene.Core.Errors;
using Selene.Power.Gpus;
using Selene.Power.Sizing;
using Selene.Simulation.Reporting;
using Selene.Simulation.Scenarios;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Selene.Cli.Commands;

/// <summary>
/// <c>selene size --site NAME --gpus N --gpu-type T [--through-night] [--json]</c>: the lightest solar array and
/// battery that power the GPUs at a lunar site over a year of its sunlight from the scenario's epoch, their masses,
/// the full model's check of them, and a plot of the battery's state of charge over the year.
/// </summary>
internal sealed class SizeCommand(CliConsoles consoles) : Command<SizeSettings>
{
    private const double StepSeconds = 600;

    public override int Execute(CommandContext context, SizeSettings settings, CancellationToken cancellationToken)
    {
        var scenario = BuiltInScenarios.Resolve(settings.Scenario, "--scenario");
        var lunar = scenario.Sites.Where(s => s.Location == SiteLocation.Moon).ToList();
        var site = lunar.FirstOrDefault(s => s.Name == settings.Site)
            ?? throw new InputException([InputDiagnostic.Error(scenario.Source, 0, 0, "--site",
                $"no lunar site '{settings.Site}'; lunar sites are {string.Join(", ", lunar.Select(s => s.Name))}")]);
        var sunlight = new SunlightSeries(scenario.Epoch, StepSeconds, (int)(365 * 86_400 / StepSeconds) + 1);
        PowerSizing sizing;
        try
        {
            sizing = PowerSizer.Size(site.ToSurfaceSite(), settings.Gpus, GpuPowerModel.BuiltIn(settings.GpuType!)!, settings.ThroughNight, sunlight,
                new SizingAssumptions(settings.KilogramsPerKilowatt, settings.KilogramsPerKilowattHour, settings.BaseWatts));
        }
        catch (ArgumentException e)
        {
            throw new InputException([InputDiagnostic.Error(scenario.Source, 0, 0, "--gpus", e.Message)]);
        }

        OutputPath.PrepareFolder(settings.Out, "--out");
        var plotPath = Path.Combine(settings.Out, $"size-{site.Name}.png");
        File.WriteAllBytes(plotPath, PlotRenderer.StateOfCharge(
            string.Create(CultureInfo.InvariantCulture, $"{site.Name}: {settings.Gpus} {settings.GpuType} {(settings.ThroughNight ? "through the night" : "by day")}, {sizing.StorageKilowattHours:0} kWh"),
            sizing.Check.BinSeconds, sizing.Check.StateOfCharge));

        var result = new SizeResult(site.Name, settings.Gpus, settings.GpuType!, settings.ThroughNight, sizing.ArraySquareMetres, sizing.ArrayKilowatts,
            sizing.StorageKilowattHours, sizing.ArrayKilograms, sizing.StorageKilograms, sizing.RadiatorSquareMetres, sizing.RadiatorKilograms,
            sizing.TotalKilograms, sizing.LongestDarkHours, sizing.IlluminationFraction, sizing.Check.Availability,
            PowerSizer.WorkShare(sizing.Check, settings.Gpus), sizing.Check.BlackoutSeconds / 3600, sizing.Check.WorkGpuHours, plotPath);
        if (settings.Json)
        {
            consoles.RawOut.Write(JsonSerializer.Serialize(result, CliJson.Options) + "\n");
            return SeleneApp.Success;
        }

        var table = new Table().AddColumns("", "");
        table.AddRow("site", Markup.Escape($"{site.Name} ({F(site.LatitudeDegrees, "0.00")}°, {F(site.LongitudeDegrees, "0.00")}°): sunlit {F(100 * sizing.IlluminationFraction, "0.0")}% of the year, longest dark {F(sizing.LongestDarkHours, "0")} h"));
        table.AddRow("load", Markup.Escape($"{settings.Gpus} × {settings.GpuType} {(settings.ThroughNight ? "through the night" : "by day only")}"));
        table.AddRow("solar array", Markup.Escape($"{F(sizing.ArraySquareMetres, "0.0")} m², {F(sizing.ArrayKilowatts, "0.0")} kW rated, {F(sizing.ArrayKilograms, "0")} kg"));
        table.AddRow("battery", Markup.Escape($"{F(sizing.StorageKilowattHours, "0")} kWh, {F(sizing.StorageKilograms, "0")} kg"));
        table.AddRow("radiator", Markup.Escape($"{F(sizing.RadiatorSquareMetres, "0.0")} m², {F(sizing.RadiatorKilograms, "0")} kg"));
        table.AddRow("mass", Markup.Escape($"{F(sizing.TotalKilograms, "0")} kg"));
        table.AddRow("check", Markup.Escape($"the GPUs did {F(100 * result.WorkShare, "0.0")}% of a year's work at full speed ({F(sizing.Check.WorkGpuHours, "0")} GPU-hours), some running {F(100 * sizing.Check.Availability, "0.0")}% of the time; the node unpowered {F(sizing.Check.BlackoutSeconds / 3600, "0.0")} h"));
        table.AddRow("plot", Markup.Escape(plotPath));
        consoles.Out.Write(table);
        return SeleneApp.Success;
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private sealed record SizeResult(string Site, int Gpus, string GpuType, bool ThroughNight, double ArraySquareMetres, double ArrayKilowatts,
        double StorageKilowattHours, double ArrayKilograms, double StorageKilograms, double RadiatorSquareMetres, double RadiatorKilograms,
        double TotalKilograms, double LongestDarkHours, double IlluminationFraction, double Availability, double WorkShare, double BlackoutHours,
        double WorkGpuHours, string Plot);
}
