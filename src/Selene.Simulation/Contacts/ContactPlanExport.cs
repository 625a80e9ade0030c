using System.Globalization;
using System.Text;
using System.Text.Json;
using ScottPlot;
using Selene.Astro.Contacts;
using Selene.Simulation.Model;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.Contacts;

/// <summary>
/// A scenario's contact plan as <c>selene contacts</c> shows it: the plan itself, each lunar site's connectivity
/// with and without the relays, and the plan written out as CSV and JSON (columns in the manner of a DTN contact
/// plan's <c>contact</c> and <c>range</c> lines) and as a coverage plot.
/// </summary>
public sealed class ContactPlanExport
{
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

    private ContactPlanExport(Scenario scenario, ContactPlan plan)
    {
        Scenario = scenario;
        Plan = plan;
        var directOnly = plan.Without(n => n.Kind == ContactNodeKind.Relay);
        Sites = Enumerable.Range(0, plan.Nodes.Count).Where(i => plan.Nodes[i].Kind == ContactNodeKind.LunarSite)
            .Select(i => new SiteConnectivity(plan.Nodes[i].Name, plan.ConnectedShare(i), directOnly.ConnectedShare(i), plan.Connected(i), directOnly.Connected(i)))
            .ToList();
    }

    /// <summary>The scenario.</summary>
    public Scenario Scenario { get; }

    /// <summary>Its contact plan.</summary>
    public ContactPlan Plan { get; }

    /// <summary>Per lunar site, its share of the plan with a path to Earth, with the relays and without.</summary>
    public IReadOnlyList<SiteConnectivity> Sites { get; }

    /// <summary>Works out <paramref name="scenario"/>'s plan over <paramref name="durationSeconds"/> (default: the scenario's duration).</summary>
    public static ContactPlanExport For(Scenario scenario, double? durationSeconds = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new ContactPlanExport(scenario, LinkSchedules.Plan(scenario, durationSeconds ?? scenario.DurationSeconds));
    }

    /// <summary>One row per directed contact.</summary>
    public string Csv()
    {
        var csv = new StringBuilder("from,to,start_utc,end_utc,start_s,end_s,duration_s,owlt_s,rate_bps,band\n");
        foreach (var c in Plan.Contacts)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{Plan.Nodes[c.From].Name},{Plan.Nodes[c.To].Name},{Utc(c.Start)},{Utc(c.End)},{c.Start:0.###},{c.End:0.###},{c.Duration:0.###},{c.OneWayLightSeconds:0.######},{c.RateBitsPerSecond:0},{c.Band}\n");
        }

        return csv.ToString();
    }

    /// <summary>The plan, its nodes and each site's connectivity.</summary>
    public string Json() => JsonSerializer.Serialize(new
    {
        scenario = Scenario.Name,
        epoch = Plan.Epoch.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        durationSeconds = Plan.DurationSeconds,
        nodes = Plan.Nodes.Select(n => new { name = n.Name, kind = n.Kind.ToString().ToLowerInvariant(), bands = n.Radios.Select(r => r.Band.Name).ToArray() }),
        connectivity = Sites.Select(s => new { site = s.Site, withRelays = s.WithRelays, directOnly = s.DirectOnly }),
        contacts = Plan.Contacts.Select(c => new
        {
            from = Plan.Nodes[c.From].Name,
            to = Plan.Nodes[c.To].Name,
            startUtc = Utc(c.Start),
            endUtc = Utc(c.End),
            startSeconds = c.Start,
            endSeconds = c.End,
            owltSeconds = c.OneWayLightSeconds,
            rateBitsPerSecond = c.RateBitsPerSecond,
            band = c.Band,
        }),
    }, s_indented);

    /// <summary>Per lunar site, the share of each day with a path to Earth, with the relays and by the direct link alone.</summary>
    public byte[] CoveragePng()
    {
        var plot = new Plot();
        var days = (int)Math.Ceiling(Plan.DurationSeconds / 86_400);
        foreach (var site in Sites)
        {
            var xs = Enumerable.Range(0, days).Select(d => d + 0.5).ToArray();
            var with = plot.Add.Scatter(xs, Daily(site.WithRelaysIntervals, days));
            with.LegendText = $"{site.Site}: with relays ({site.WithRelays:P1})";
            with.MarkerSize = 0;
            with.LineWidth = 2;
            var direct = plot.Add.Scatter(xs, Daily(site.DirectOnlyIntervals, days));
            direct.LegendText = $"{site.Site}: direct link alone ({site.DirectOnly:P1})";
            direct.MarkerSize = 0;
            direct.LinePattern = LinePattern.Dashed;
        }

        plot.Axes.SetLimitsY(-0.05, 1.05);
        plot.Title("Path to Earth per lunar site, by the contact plan");
        plot.XLabel("day of the plan");
        plot.YLabel("share of the day connected");
        plot.ShowLegend(Edge.Bottom);
        return plot.GetImageBytes(900, 500, ImageFormat.Png);
    }

    private double[] Daily(IntervalSet connected, int days)
    {
        var share = new double[days];
        for (var d = 0; d < days; d++)
        {
            var start = d * 86_400.0;
            var end = Math.Min(Plan.DurationSeconds, start + 86_400);
            share[d] = connected.Intersect(IntervalSet.Of([(start, end)])).TotalSeconds / (end - start);
        }

        return share;
    }

    private string Utc(double seconds) => Plan.Epoch.AddSeconds(seconds).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}

/// <summary>A lunar site's connectivity toward Earth over a contact plan.</summary>
/// <param name="Site">The site.</param>
/// <param name="WithRelays">Share of the plan with an end-to-end path, relays included.</param>
/// <param name="DirectOnly">Share by the direct link alone.</param>
/// <param name="WithRelaysIntervals">When it is connected, relays included.</param>
/// <param name="DirectOnlyIntervals">When it is connected by the direct link alone.</param>
public sealed record SiteConnectivity(string Site, double WithRelays, double DirectOnly, IntervalSet WithRelaysIntervals, IntervalSet DirectOnlyIntervals);
