using System.Globalization;
using System.Text.Json;
using Selene.Astro.Bodies;
using Selene.Astro.Links;
using Selene.Astro.Sites;
using Selene.Astro.Sunlight;
using Selene.Astro.Time;
using Selene.Core.Errors;
using Selene.Simulation.Scenarios;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Selene.Cli.Commands;

/// <summary>
/// <c>selene ephemeris --from T --to T --step D [--site NAME ...] [--scenario FILE] [--json]</c>: the Moon's
/// distance and light time, and per lunar site its link to the nearest visible ground station and its sunlight.
/// </summary>
internal sealed class EphemerisCommand(CliConsoles consoles) : Command<EphemerisSettings>
{
    public override int Execute(CommandContext context, EphemerisSettings settings, CancellationToken cancellationToken)
    {
        var scenario = BuiltInScenarios.Resolve(settings.Scenario, "--scenario");
        var sites = SelectSites(scenario, settings.Sites);
        var network = new GroundNetwork(scenario.LinkStations.Select(s => s.ToSurfaceSite()).ToList());
        var rows = new List<EphemerisRow>();
        for (var time = AstroTime.FromUtc(settings.FromUtc); time.Utc <= settings.ToUtc; time = time.AddSeconds(settings.StepSeconds))
        {
            var moon = Moon.Ecliptic(time.CenturiesTt);
            var siteRows = sites.Select(site =>
            {
                var link = network.LinkAt(site, time);
                var sun = SunlightCalculator.At(site, time);
                return new SiteRow(site.Name, link.LightTimeSeconds, link.Up, link.Station?.Name, link.EarthElevationDegrees, sun.ElevationDegrees, sun.VisibleFraction);
            }).ToList();
            rows.Add(new EphemerisRow(time.Utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), moon.DistanceKm,
                LightTime.MoonToEarthCentreSeconds(time), siteRows));
        }

        if (settings.Json)
        {
            consoles.RawOut.Write(JsonSerializer.Serialize(rows, CliJson.Options) + "\n");
            return SeleneApp.Success;
        }

        var table = new Table().AddColumns("UTC", "Moon km", "light s (centre)");
        foreach (var site in sites)
        {
            table.AddColumns($"{site.Name}: light s", "link", "Earth elev °", "Sun elev °", "sunlit");
        }

        foreach (var row in rows)
        {
            var cells = new List<string> { row.Utc, F(row.MoonDistanceKm, "0.0"), F(row.LightTimeSeconds, "0.00000") };
            foreach (var s in row.Sites)
            {
                cells.AddRange([F(s.LightTimeSeconds, "0.00000"), s.LinkUp ? $"up ({s.Station})" : "down", F(s.EarthElevationDegrees, "0.00"),
                    F(s.SunElevationDegrees, "0.00"), F(100 * s.SunlitFraction, "0") + "%"]);
            }

            table.AddRow(cells.Select(c => Markup.Escape(c)).ToArray());
        }

        consoles.Out.Write(table);
        return SeleneApp.Success;
    }

    private static List<SurfaceSite> SelectSites(Scenario scenario, string[] names)
    {
        var lunar = scenario.Sites.Where(s => s.Location == SiteLocation.Moon).ToList();
        if (names.Length == 0)
        {
            return lunar.Select(s => s.ToSurfaceSite()).ToList();
        }

        var errors = new List<InputDiagnostic>();
        var chosen = new List<SurfaceSite>();
        foreach (var name in names)
        {
            var site = scenario.Sites.FirstOrDefault(s => s.Name == name);
            if (site is null || site.Location != SiteLocation.Moon)
            {
                errors.Add(InputDiagnostic.Error(scenario.Source, 0, 0, "--site", site is null
                    ? $"no site '{name}'; lunar sites are {string.Join(", ", lunar.Select(s => s.Name))}"
                    : $"'{name}' is on Earth; --site names lunar sites ({string.Join(", ", lunar.Select(s => s.Name))})"));
                continue;
            }

            chosen.Add(site.ToSurfaceSite());
        }

        return errors.Count > 0 ? throw new InputException(errors) : chosen;
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private sealed record EphemerisRow(string Utc, double MoonDistanceKm, double LightTimeSeconds, IReadOnlyList<SiteRow> Sites);

    private sealed record SiteRow(string Name, double LightTimeSeconds, bool LinkUp, string? Station, double EarthElevationDegrees,
        double SunElevationDegrees, double SunlitFraction);
}
