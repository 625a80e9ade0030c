using System.Globalization;
using Selene.Core.Time;
using Selene.Simulation.Metrics;
using Spectre.Console;

namespace Selene.Cli.Commands;

/// <summary>The console summary of a run: one table per tenant row, one per site row, and the accounting.</summary>
internal static class SummaryTables
{
    public static void Write(IAnsiConsole console, MetricsDocument metrics)
    {
        var tenants = new Table().Title("Tenants").AddColumns("tenant", "budget", "arrived", "served", "failed",
            "in flight", "req/s", "p50", "p90", "p99", "p99.9", "within budget");
        foreach (var column in tenants.Columns.Skip(1))
        {
            column.RightAligned();
        }

        foreach (var t in metrics.Tenants)
        {
            var l = t.LatencySeconds;
            tenants.AddRow(t.Name, S(t.BudgetSeconds), N(t.Arrived), N(t.Served), N(t.Failed.Values.Sum()), N(t.InFlight.Total),
                F(t.ThroughputPerSecond, "0.###"), S(l.P50), S(l.P90), S(l.P99), S(l.P999), F(100 * t.ShareWithinBudget, "0.00") + "%");
        }

        var sites = new Table().Title("Sites").AddColumns("site", "location", "GPUs at end", "GPU utilisation", "served");
        foreach (var column in sites.Columns.Skip(2))
        {
            column.RightAligned();
        }

        foreach (var s in metrics.Sites)
        {
            sites.AddRow(s.Name, s.Location, N(s.GpusAtEnd), F(100 * s.Utilisation, "0.0") + "%", N(s.Served));
        }

        console.Write(tenants);
        console.Write(sites);
        var a = metrics.Accounting;
        console.MarkupLineInterpolated(
            $"Accounting: {a.Arrived:N0} arrived = {a.Served:N0} served + {a.Failed:N0} failed + {a.InFlight:N0} in flight ({(a.Balanced ? "balanced" : "NOT balanced")}).");
        foreach (var t in metrics.Tenants)
        {
            foreach (var (reason, count) in t.Failed)
            {
                console.MarkupLineInterpolated($"  {t.Name} failed ×{count:N0}: {reason}");
            }
        }
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string S(double seconds) => DurationText.Humanize(seconds);
}
