using System.Globalization;
using Selene.Core.Time;
using Selene.Simulation.Metrics;
using Spectre.Console;

namespace Selene.Cli.Commands;

/// <summary>The console summary of a run: one table per tenant row, one per site row, and the accounting.</summary>
internal static class SummaryTables
{
    private static string Objectives(ObjectiveMetrics? objectives) => objectives is null ? "-" : string.Join(", ", new[]
    {
        objectives.TtftSeconds is { } ttft ? "ttft " + S(ttft) : null,
        objectives.TpotSeconds is { } tpot ? "tpot " + S(tpot) : null,
        objectives.E2eSeconds is { } e2e ? "e2e " + S(e2e) : null,
    }.OfType<string>());

    public static void Write(IAnsiConsole console, MetricsDocument metrics)
    {
        var tenants = new Table().Title("Tenants").AddColumns("tenant", "goodput", "objectives", "arrived", "served", "failed",
            "in flight", "req/s", "TTFT p50", "TTFT p99", "TPOT p50", "TPOT p99", "e2e p50", "e2e p99");
        foreach (var column in tenants.Columns.Skip(1))
        {
            column.RightAligned();
        }

        foreach (var t in metrics.Tenants)
        {
            var l = t.LatencySeconds;
            var serving = t.Serving;
            tenants.AddRow(t.Name, F(100 * t.Goodput, "0.00") + "%", Objectives(t.Objectives), N(t.Arrived), N(t.Served), N(t.Failed.Values.Sum()), N(t.InFlight.Total),
                F(t.ThroughputPerSecond, "0.###"),
                serving is null ? "-" : S(serving.TtftSeconds.P50), serving is null ? "-" : S(serving.TtftSeconds.P99),
                serving is null ? "-" : S(serving.TpotSeconds.P50), serving is null ? "-" : S(serving.TpotSeconds.P99),
                S(l.P50), S(l.P99));
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
        foreach (var t in metrics.Tenants.Where(t => t.Serving is not null))
        {
            var v = t.Serving!;
            console.MarkupLineInterpolated(
                $"{t.Name}: {v.Model} ({v.Weights}, TP {v.TensorParallel}, {v.Engine}): {v.InputTokensPerSecond:N0} input and {v.OutputTokensPerSecond:N0} output tokens/s, {v.Preemptions:N0} preemptions, up to {v.ReplicasMax} replicas; {v.GpuSecondsPer1000OutputTokens:0.##} GPU-s and {v.EnergyWhPer1000OutputTokens:0.###} Wh per 1,000 output tokens.");
        }

        console.Write(sites);
        var a = metrics.Accounting;
        console.MarkupLineInterpolated(
            $"Accounting: {a.Arrived:N0} arrived = {a.Served:N0} served + {a.Failed:N0} failed + {a.Shed:N0} shed + {a.InFlight:N0} in flight ({(a.Balanced ? "balanced" : "NOT balanced")}).");
        foreach (var t in metrics.Tenants)
        {
            foreach (var (reason, count) in t.Failed)
            {
                console.MarkupLineInterpolated($"  {t.Name} failed ×{count:N0}: {reason}");
            }

            foreach (var (reason, count) in t.Shed)
            {
                console.MarkupLineInterpolated($"  {t.Name} shed ×{count:N0}: {reason}");
            }
        }

        var remote = metrics.Sites.Where(s => s.Location != "earth").Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var t in metrics.Tenants.Where(t => t.Class == "batch" && remote.Count > 0))
        {
            var away = t.ServedBySite.Where(s => remote.Contains(s.Key)).Sum(s => s.Value);
            console.MarkupLineInterpolated($"Off Earth: {t.Name} served {away:N0} of {t.Served:N0} requests ({(t.Served == 0 ? 0 : away / (double)t.Served):P1}) at {string.Join(", ", remote.Order(StringComparer.Ordinal))}.");
        }

        foreach (var link in metrics.Link.Sites)
        {
            if (link.PlannedConnectivity is { } planned && link.DirectOnlyConnectivity is { } direct)
            {
                console.MarkupLineInterpolated(
                    $"Link to {link.Site}: a path to Earth {planned:P1} of the run by the contact plan, {direct:P1} by the direct link alone; up {link.Availability:P1} with unplanned outages.");
            }
        }

        if (metrics.Faults.Total > 0)
        {
            console.MarkupLineInterpolated($"Faults: {metrics.Faults.Total:N0} ({string.Join(", ", metrics.Faults.ByType.Select(f => $"{f.Value:N0} {f.Key}"))}).");
        }

        if (metrics.ControlPlane is { } plane)
        {
            console.MarkupLineInterpolated(
                $"Control plane: {plane.FaultsRecovered:N0} faults followed by every workload back at its replicas, {plane.FaultsUnrecoveredAtEnd:N0} still recovering; recovery p50 {S(plane.RecoverSeconds.P50)}, max {S(plane.RecoverSeconds.Max)}; {plane.IdentityConflicts:N0} identity conflicts.");
        }

        foreach (var felt in metrics.FeltRecovery ?? [])
        {
            console.MarkupLineInterpolated(
                $"  As users felt it, {felt.Type}: {felt.Felt:N0} of {felt.Faults:N0} felt (goodput over a point below its level), recovery p50 {S(felt.RecoverySeconds.P50)}, p90 {S(felt.RecoverySeconds.P90)}, max {S(felt.RecoverySeconds.Max)}; {felt.Unrecovered:N0} not back within a day.");
        }

        foreach (var power in metrics.Power ?? [])
        {
            var chosen = power.Policies.Single(p => p.Policy == power.Policy);
            var done = (metrics.Sites.FirstOrDefault(s => s.Name == power.Site)?.GpuSecondsBusy ?? 0) / 3600;
            console.MarkupLineInterpolated(
                $"Power at {power.Site}: {power.Gpus} GPUs by the end; power for {chosen.WorkGpuHours:N0} GPU-hours under {power.Policy} control ({power.PredictiveGainOverGreedy:+0.00%;-0.00%;+0.00%} over greedy), {chosen.BelowReserveHours:N1} h below the reserve; the GPUs did {done:N0} GPU-hours of work.");
        }

        if (metrics.Moderation is { } m)
        {
            console.MarkupLineInterpolated(
                $"Moderation of {m.Tenant}: {m.Items:N0} items, {m.Published:N0} published, {m.Blocked:N0} blocked, {m.Reviewed:N0} reviewed; backlog at most {m.MaxBacklog:N0}. At {m.Scale.VideosPerDay:N0} videos a day: {m.Scale.FilterCores:N0} filter cores, {m.Scale.ReviewersOnDuty:N0} reviewers on duty ({m.Scale.ReviewerHeadcount:N0} people).");
        }

        foreach (var w in metrics.Webhooks?.Subscribers ?? [])
        {
            console.MarkupLineInterpolated(
                $"Webhook {w.Name}: {w.Delivered:N0} of {w.Events:N0} events delivered, {w.Retries:N0} retries, {w.DeadLetters:N0} dead letters, {w.PendingAtEnd:N0} pending.");
        }
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string S(double seconds) => DurationText.Humanize(seconds);
}
