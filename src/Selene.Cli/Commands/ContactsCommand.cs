using System.Diagnostics;
using System.Globalization;
using Selene.Core.Errors;
using Selene.Simulation.Contacts;
using Selene.Simulation.Scenarios;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Selene.Cli.Commands;

/// <summary>
/// <c>selene contacts [SCENARIO] [--days N] [--out DIR] [--json]</c>: the scenario's contact plan between its lunar
/// sites, relays and ground stations, each site's connectivity with and without the relays, written as CSV, JSON and a
/// coverage plot.
/// </summary>
internal sealed class ContactsCommand(CliConsoles consoles) : Command<ContactsSettings>
{
    public override int Execute(CommandContext context, ContactsSettings settings, CancellationToken cancellationToken)
    {
        var scenario = BuiltInScenarios.Resolve(settings.Scenario, "SCENARIO");
        var seconds = settings.Days is { } days ? days * 86_400 : scenario.DurationSeconds;
        if (ScenarioTimeSpan.Problem(scenario.Epoch, seconds) is { } outside)
        {
            throw new InputException(InputDiagnostic.Error(scenario.Source, 0, 0, "--days", outside));
        }

        if (!scenario.Sites.Any(s => s.Location == SiteLocation.Moon))
        {
            throw new InputException(InputDiagnostic.Error(scenario.Source, 0, 0, "sites", "the scenario has no lunar site, so no contacts to plan"));
        }

        OutputPath.PrepareFolder(settings.Out, "--out");
        var clock = Stopwatch.StartNew();
        var export = ContactPlanExport.For(scenario, seconds);
        var wall = clock.Elapsed.TotalSeconds;
        var json = export.Json();
        File.WriteAllText(Path.Combine(settings.Out, "contacts.csv"), export.Csv());
        File.WriteAllText(Path.Combine(settings.Out, "contacts.json"), json);
        File.WriteAllBytes(Path.Combine(settings.Out, "coverage.png"), export.CoveragePng());
        if (settings.Json)
        {
            consoles.RawOut.Write(json + "\n");
            return SeleneApp.Success;
        }

        var plan = export.Plan;
        // One row per pair, toward Earth: sites first, then relays (the plan's node order).
        var table = new Table().AddColumns("from", "to", "contacts", "hours", "share", "longest light time (s)", "rate (Mbit/s)");
        foreach (var pair in plan.Contacts.GroupBy(c => (c.From, c.To)).Where(g => g.Key.From < g.Key.To).OrderBy(g => g.Key.From).ThenBy(g => g.Key.To))
        {
            var hours = pair.Sum(c => c.Duration) / 3600;
            table.AddRow(plan.Nodes[pair.Key.From].Name, plan.Nodes[pair.Key.To].Name, pair.Count().ToString("N0", CultureInfo.InvariantCulture),
                F(hours, "0.0"), F(100 * hours * 3600 / plan.DurationSeconds, "0.0") + "%",
                $"{F(pair.Min(c => c.OneWayLightSeconds), "0.000")}–{F(pair.Max(c => c.OneWayLightSeconds), "0.000")}",
                $"{F(pair.Min(c => c.RateBitsPerSecond) / 1e6, "0.###")}–{F(pair.Max(c => c.RateBitsPerSecond) / 1e6, "0.###")}");
        }

        consoles.Out.Write(table);
        foreach (var site in export.Sites)
        {
            consoles.Out.MarkupLineInterpolated($"{site.Site}: a path to Earth {site.WithRelays:P1} of the plan with the relays, {site.DirectOnly:P1} by the direct link alone.");
        }

        consoles.Out.MarkupLineInterpolated(
            $"Planned {plan.Nodes.Count} nodes over {seconds / 86_400:0.##} day(s) in {wall:0.00} s: {plan.Contacts.Count:N0} directed contacts. Wrote contacts.csv, contacts.json, coverage.png to {settings.Out}");
        return SeleneApp.Success;
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
