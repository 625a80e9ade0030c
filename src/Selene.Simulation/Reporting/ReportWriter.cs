using System.Globalization;
using System.Net;
using System.Text;
using Selene.Core.Time;
using Selene.Simulation.Faults;
using Selene.Simulation.Metrics;
using Selene.Simulation.Webhooks;

namespace Selene.Simulation.Reporting;

/// <summary>
/// Writes a run's outputs to a folder: <c>metrics.json</c>, the plots as PNG, and <c>report.html</c>, which is
/// self-contained (the plots are embedded) so it can be mailed or archived on its own.
/// </summary>
public static class ReportWriter
{
    /// <summary>
    /// Writes every output file into <paramref name="folder"/> (created if missing) and returns their paths; with
    /// cosmic events, also <c>cosmic-events.jsonl</c>: one CloudEvent 1.0 in structured JSON per line; the report lists
    /// <paramref name="notes"/> (the scenario's warnings) once, under its heading.
    /// </summary>
    public static IReadOnlyList<string> Write(MetricsDocument metrics, string folder, IReadOnlyList<CosmicEvent>? cosmicEvents = null,
        IReadOnlyList<Selene.Core.Errors.InputDiagnostic>? notes = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        Directory.CreateDirectory(folder);
        var plots = new (string File, string Caption, byte[] Png)[]
        {
            ("latency-cdf.png", "Latency CDF per tenant", PlotRenderer.LatencyCdf(metrics)),
            ("utilisation.png", "GPU utilisation per site over time", PlotRenderer.Utilisation(metrics)),
            ("queue-length.png", "Queue length per site over time", PlotRenderer.QueueLength(metrics)),
            ("capacity.png", "GPUs online per site over time", PlotRenderer.Capacity(metrics)),
            ("link.png", "Earth–Moon light time and link availability per lunar site", PlotRenderer.Link(metrics)),
        }.Concat((metrics.Power ?? []).Select(site => (File: $"power-{site.Site}.png", Caption: $"Power at {site.Site}: array output, draw, state of charge and node temperature", Png: PlotRenderer.Power(site))))
        .Concat(metrics.Tenants.Any(t => t.Serving is not null)
            ? [("token-latency.png", "Time to first token and per output token of each serving tenant", PlotRenderer.TokenLatency(metrics)),
               ("replicas.png", "Replicas and their batch over time", PlotRenderer.Replicas(metrics))]
            : [])
        .Concat(metrics.Moderation is { } moderated ? [(File: "review-backlog.png", Caption: $"Review backlog of {moderated.Tenant}'s output", Png: PlotRenderer.ReviewBacklog(moderated))] : [])
        .Concat((metrics.SplitPlans ?? []).Select(plan => (File: $"split-{plan.Tenant}.png", Caption: $"{plan.Tenant}: latency against bandwidth, all on Earth, all on the Moon and the best split", Png: PlotRenderer.SplitSweep(plan))))
        .ToArray();

        var written = new List<string>();
        var metricsPath = Path.Combine(folder, "metrics.json");
        File.WriteAllText(metricsPath, MetricsJson.Serialize(metrics));
        written.Add(metricsPath);
        foreach (var (file, _, png) in plots)
        {
            var path = Path.Combine(folder, file);
            File.WriteAllBytes(path, png);
            written.Add(path);
        }

        if (cosmicEvents is { Count: > 0 })
        {
            var eventsPath = Path.Combine(folder, "cosmic-events.jsonl");
            var formatter = new CloudNative.CloudEvents.SystemTextJson.JsonEventFormatter();
            var epoch = DateTimeOffset.Parse(metrics.Scenario.Epoch, CultureInfo.InvariantCulture);
            using (var stream = File.Create(eventsPath))
            {
                foreach (var cosmic in cosmicEvents)
                {
                    stream.Write(formatter.EncodeStructuredModeMessage(cosmic.ToCloudEvent(metrics.Scenario.Name, metrics.Scenario.Seed, epoch), out _).Span);
                    stream.WriteByte((byte)'\n');
                }
            }

            written.Add(eventsPath);
        }

        var reportPath = Path.Combine(folder, "report.html");
        File.WriteAllText(reportPath, Html(metrics, plots.Select(p => (p.Caption, p.Png)).ToList(), notes));
        written.Add(reportPath);
        return written;
    }

    /// <summary>The HTML report, with plots embedded as data URIs.</summary>
    public static string Html(MetricsDocument metrics, IReadOnlyList<(string Caption, byte[] Png)> plots, IReadOnlyList<Selene.Core.Errors.InputDiagnostic>? notes = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(plots);
        var html = new StringBuilder();
        var scenario = metrics.Scenario;
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <title>Selene report: {E(scenario.Name)}</title>
            {Style}
            <h1>Selene report: {E(scenario.Name)}</h1>
            <p>Scenario <code>{E(scenario.Source)}</code>, seed {scenario.Seed}, {Num(scenario.DurationSeconds / 86_400, "0.##")} simulated days from {E(scenario.Epoch)}.</p>
            """);
        if (notes is { Count: > 0 })
        {
            html.Append("<p>Notes on the input:</p>\n<ul>\n");
            foreach (var note in notes)
            {
                html.Append("<li><code>").Append(E(note.ToString())).Append("</code></li>\n");
            }

            html.Append("</ul>\n");
        }

        html.Append("<h2>Goodput</h2>\n<p>The share of each tenant's finished requests that met every one of its objectives.</p>\n")
            .Append("<table><tr><th>tenant</th><th>goodput</th><th>objectives</th><th>TTFT p50</th><th>TTFT p99</th><th>TPOT p50</th><th>TPOT p99</th><th>e2e p50</th><th>e2e p99</th><th>output tokens/s</th><th>replicas (most)</th><th>GPU-s / 1k tokens</th><th>Wh / 1k tokens</th><th>preemptions</th></tr>\n");
        foreach (var t in metrics.Tenants)
        {
            var v = t.Serving;
            var o = t.Objectives;
            var objectives = o is null ? "" : string.Join(", ", new[] { o.TtftSeconds is { } f ? "ttft " + Sec(f) : null, o.TpotSeconds is { } p ? "tpot " + Sec(p) : null, o.E2eSeconds is { } e ? "e2e " + Sec(e) : null }.OfType<string>());
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(t.Name)}</td><td class=\"{(t.Goodput >= 0.99 ? "" : "bad")}\">{Num(100 * t.Goodput, "0.00")}%</td><td>{E(objectives)}</td>")
                .Append(v is null ? "<td></td><td></td><td></td><td></td>" : string.Create(CultureInfo.InvariantCulture, $"<td>{Sec(v.TtftSeconds.P50)}</td><td>{Sec(v.TtftSeconds.P99)}</td><td>{Sec(v.TpotSeconds.P50)}</td><td>{Sec(v.TpotSeconds.P99)}</td>"))
                .Append(CultureInfo.InvariantCulture, $"<td>{Sec(t.LatencySeconds.P50)}</td><td>{Sec(t.LatencySeconds.P99)}</td>")
                .Append(v is null ? "<td></td><td></td><td></td><td></td><td></td>\n" : string.Create(CultureInfo.InvariantCulture, $"<td>{Num(v.OutputTokensPerSecond, "0")}</td><td>{v.ReplicasMax}</td><td>{Num(v.GpuSecondsPer1000OutputTokens, "0.##")}</td><td>{Num(v.EnergyWhPer1000OutputTokens, "0.###")}</td><td>{v.Preemptions}</td></tr>\n"));
        }

        html.Append("</table>\n");
        foreach (var t in metrics.Tenants.Where(t => t.Serving is not null))
        {
            var v = t.Serving!;
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(t.Name)}: {E(v.Model)} ({v.Weights}, tensor parallel {v.TensorParallel}, engine profile {E(v.Engine)}); {Num(v.InputTokensPerSecond, "0")} input tokens/s; {Num(v.GpuSecondsHeld / 3600, "0.#")} GPU-hours held, {Num(v.GpuSecondsBusy / 3600, "0.#")} computing; {Num(v.EnergyKwh, "0.#")} kWh.</p>\n");
        }

        var a = metrics.Accounting;
        html.Append(CultureInfo.InvariantCulture, $"""
            <h2>Accounting</h2>
            <p class="{(a.Balanced ? "" : "bad")}">{a.Arrived} arrived = {a.Served} served + {a.Failed} failed + {a.Shed} shed + {a.InFlight} in flight{(a.Balanced ? "" : " — does not balance")}.</p>
            <h2>Tenants</h2>
            <table><tr><th>tenant</th><th>class</th><th>budget</th><th>arrived</th><th>served</th><th>failed</th><th>in flight</th><th>throughput /s</th><th>p50</th><th>p90</th><th>p99</th><th>p99.9</th><th>within budget</th></tr>
            """);
        foreach (var t in metrics.Tenants)
        {
            var l = t.LatencySeconds;
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(t.Name)}</td><td>{t.Class}</td><td>{Sec(t.BudgetSeconds)}</td><td>{t.Arrived}</td><td>{t.Served}</td><td>{t.Failed.Values.Sum()}</td><td>{t.InFlight.Total}</td><td>{Num(t.ThroughputPerSecond, "0.###")}</td><td>{Sec(l.P50)}</td><td>{Sec(l.P90)}</td><td>{Sec(l.P99)}</td><td>{Sec(l.P999)}</td><td>{Num(100 * t.ShareWithinBudget, "0.00")}%</td></tr>\n");
        }

        html.Append("</table>\n");
        foreach (var t in metrics.Tenants.Where(t => t.Failed.Count > 0 || t.Shed.Count > 0))
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(t.Name)} failures: ");
            html.AppendJoin("; ", t.Failed.Select(f => $"{E(f.Key)} × {f.Value}").Concat(t.Shed.Select(f => $"shed, {E(f.Key)} × {f.Value}")));
            html.Append("</p>\n");
        }

        var scaled = metrics.Tenants.Where(t => t.Serving?.Autoscaling is not null).ToList();
        if (scaled.Count > 0)
        {
            html.Append("<h2>Replicas and autoscaling</h2>\n<p>Each serving tenant is a Deployment whose pods the scheduler placed; a replica is Ready once its model is loaded. The autoscaler syncs every 15 s as the HPA does (tolerance 0.1; up by 4 pods or 100% per 15 s; down after a 300 s stabilisation window); <code>min</code> 0 scales to zero as KEDA does. The replicas plot shows the count over time.</p>\n")
                .Append("<table><tr><th>tenant</th><th>min</th><th>max</th><th>initial</th><th>metric</th><th>target</th><th>load time</th><th>changes</th><th>most at once</th><th>held at the gateway</th><th>shed</th></tr>\n");
            foreach (var t in scaled)
            {
                var s = t.Serving!.Autoscaling!;
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td>{E(t.Name)}</td><td>{s.Min}</td><td>{s.Max}</td><td>{s.Initial}</td><td>{s.Metric}</td><td>{(s.Target is { } target ? Num(target, "0.###") : "fixed")}</td><td>{Sec(s.LoadSeconds)}</td><td>{s.Decisions.Count}</td><td>{t.Serving.ReplicasMax}</td><td>{s.HeldAtGateway}</td><td>{t.Shed.Values.Sum()}</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        var siteNames = metrics.Sites.Select(s => s.Name).ToList();
        var offEarth = metrics.Sites.Where(s => s.Location != "earth").Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        html.Append("<h2>Where each tenant ran</h2>\n<p>Served requests per site: a serving tenant's went where its gateway routed them among its Ready replicas; whole-request work's pods were placed by the scheduler. The last column is the share served off Earth.</p>\n<table><tr><th>tenant</th>");
        html.AppendJoin("", siteNames.Select(n => $"<th>{E(n)}</th>"));
        html.Append("<th>off Earth</th></tr>\n");
        foreach (var t in metrics.Tenants)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(t.Name)}</td>");
            html.AppendJoin("", siteNames.Select(n => string.Create(CultureInfo.InvariantCulture, $"<td>{t.ServedBySite.GetValueOrDefault(n)}</td>")));
            var away = t.ServedBySite.Where(s => offEarth.Contains(s.Key)).Sum(s => s.Value);
            html.Append(CultureInfo.InvariantCulture, $"<td>{Num(t.Served == 0 ? 0 : 100.0 * away / t.Served, "0.0")}%</td></tr>\n");
        }

        html.Append("</table>\n");
        var faults = metrics.Faults;
        if (faults.Total > 0)
        {
            var types = faults.ByType.Keys.ToList();
            html.Append(CultureInfo.InvariantCulture, $"<h2>Faults</h2>\n<p>{faults.Total} faults, {faults.DuringStorms} of them during {faults.Storms.Count} solar storms; {metrics.Tenants.Sum(t => t.Retried)} requests routed again after a fault.</p>\n<table><tr><th>site</th>");
            html.AppendJoin("", types.Select(t => $"<th>{E(t)}</th>"));
            html.Append("</tr>\n");
            foreach (var (site, counts) in faults.BySite)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(site)}</td>");
                html.AppendJoin("", types.Select(t => string.Create(CultureInfo.InvariantCulture, $"<td>{counts.GetValueOrDefault(t)}</td>")));
                html.Append("</tr>\n");
            }

            html.Append("</table>\n");
        }

        if (metrics.ControlPlane is { } plane)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>Control plane</h2>\n<p>{plane.Workloads} workloads; {plane.NodesLost} nodes lost; {plane.CosmicTaints} cosmic-event taints set; {plane.Evictions} pods evicted; faults followed by every workload back at its replicas: {plane.FaultsRecovered} (still recovering at the end: {plane.FaultsUnrecoveredAtEnd}); StatefulSet identities on two live pods at once: {plane.IdentityConflicts}; every workload at its replicas at the end: {(plane.AtDesiredAtEnd ? "yes" : "no")}; GPUs the cluster's nodes offered at the end: {plane.GpusAtEnd}.</p>\n");
            html.Append("<table><tr><th></th><th>count</th><th>mean</th><th>p50</th><th>p90</th><th>max</th></tr>\n");
            foreach (var (label, d) in new[] { ("time to detect", plane.DetectSeconds), ("time to recover (faults that took a workload below its replicas)", plane.RecoverSeconds) })
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{label}</td><td>{d.Count}</td><td>{Sec(d.Mean)}</td><td>{Sec(d.P50)}</td><td>{Sec(d.P90)}</td><td>{Sec(d.Max)}</td></tr>\n");
            }

            html.Append("</table>\n");
            if (metrics.FeltRecovery is { Count: > 0 } felt)
            {
                html.Append("<p>Recovery as users felt it: from each fault until every interactive tenant's goodput over 5 minutes was back within a point of its level over the hour before (to the minute).</p>\n")
                    .Append("<table><tr><th>fault</th><th>faults</th><th>felt</th><th>not back within a day</th><th>p50</th><th>p90</th><th>max</th></tr>\n");
                foreach (var f in felt)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(f.Type)}</td><td>{f.Faults}</td><td>{f.Felt}</td><td>{f.Unrecovered}</td><td>{Sec(f.RecoverySeconds.P50)}</td><td>{Sec(f.RecoverySeconds.P90)}</td><td>{Sec(f.RecoverySeconds.Max)}</td></tr>\n");
                }

                html.Append("</table>\n");
            }
        }

        foreach (var power in metrics.Power ?? [])
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>Power at {E(power.Site)}</h2>\n<p>{power.Gpus} {E(power.GpuType)} GPUs on sunlight and storage; the twin runs the {power.Policy} controller. Model-predictive control did {Num(100 * power.PredictiveGainOverGreedy, "0.00")}% more work than greedy. Energy in = used + change in storage + losses + curtailed, to the balance error shown.</p>\n");
            html.Append("<table><tr><th>controller</th><th>work (GPU-h)</th><th>GPUs running</th><th>below reserve (h)</th><th>blackout (h)</th><th>lowest charge</th><th>in (kWh)</th><th>used</th><th>stored change</th><th>losses</th><th>curtailed</th><th>balance error</th><th>node K</th></tr>\n");
            foreach (var p in power.Policies)
            {
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td>{p.Policy}</td><td>{Num(p.WorkGpuHours, "0")}</td><td>{Num(100 * p.Availability, "0.0")}%</td><td>{Num(p.BelowReserveHours, "0.0")}</td><td>{Num(p.BlackoutHours, "0.0")}</td><td>{Num(100 * p.MinStateOfCharge, "0")}%</td><td>{Num(p.EnergyInKwh, "0")}</td><td>{Num(p.UsedKwh, "0")}</td><td>{Num(p.StoredChangeKwh, "0")}</td><td>{Num(p.LossesKwh, "0")}</td><td>{Num(p.CurtailedKwh, "0")}</td><td>{p.BalanceError.ToString("0.0E+0", CultureInfo.InvariantCulture)}</td><td>{Num(p.MinKelvin, "0")}–{Num(p.MaxKelvin, "0")}</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        if (metrics.Moderation is { } m)
        {
            var scale = m.Scale;
            html.Append(CultureInfo.InvariantCulture, $"<h2>Moderation of {E(m.Tenant)}'s output</h2>\n<p>{m.Items:N0} items filtered ({Num(m.FilterCores, "0.00")} cores on average): {m.Published:N0} published, {m.Blocked:N0} blocked, {m.Reviewed:N0} sent to {m.Reviewers} reviewers at {Sec(m.ReviewSeconds)} a review; at most {Num(m.MaxBacklog, "0")} waiting, the longest wait {Sec(m.MaxWaitSeconds)}, {m.BinsOverDeadline} bins past the {Sec(m.DeadlineSeconds)} deadline.</p>\n");
            html.Append(CultureInfo.InvariantCulture, $"<p>At {scale.VideosPerDay:N0} videos a day, {scale.FramesPerVideo} frames each at {Sec(scale.FilterSecondsPerFrame)} of one core: <b>{scale.FilterCores:N0} cores</b> filtering around the clock; with {Num(100 * scale.ReviewShare, "0.#")}% reviewed: <b>{scale.ReviewersOnDuty:N0} reviewers on duty</b>, {scale.ReviewerHeadcount:N0} people at {Num(scale.ReviewerHoursPerDay, "0")} h a day.</p>\n");
        }

        foreach (var plan in metrics.SplitPlans ?? [])
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>Split inference: {E(plan.Tenant)}</h2>\n<p>{E(plan.Model)} planned over {E(plan.Link)} ({Sec(plan.OneWayDelaySeconds)} one way, {Num(plan.BandwidthMbps, "0.##")} Mbit/s), the prefix on Earth's {E(plan.PrefixDevice)}, the suffix on the Moon's {E(plan.SuffixDevice)} (roofline models, modelled codec speeds). The best plan takes {Sec(plan.Best.LatencySeconds)} ({E(plan.Best.Kind)}); at lunar nodes the twin ran the best that uses them, {Sec(plan.Run.LatencySeconds)}: it sends {plan.Run.SentBytes} bytes ({E(string.Join(" + ", plan.Run.Tensors))}).</p>\n");
            html.Append("<table><tr><th></th><th>cut</th><th>codec</th><th>prefix</th><th>encode</th><th>sent bytes</th><th>send</th><th>suffix</th><th>reply</th><th>delay</th><th>latency</th><th>req/s</th></tr>\n");
            foreach (var (label, row) in new[] { ("ran", plan.Run), ("best", plan.Best), ("all on Earth", plan.AllOnEarth), ("all on the Moon", plan.AllOnMoon) }.Concat(plan.Candidates.Take(10).Select(c => ("", c))))
            {
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td>{E(label)}</td><td>{E(row.Kind == "split" ? string.Join(" + ", row.Tensors) : row.Kind)}</td><td>{row.Codec}</td><td>{Sec(row.PrefixSeconds)}</td><td>{Sec(row.EncodeSeconds)}</td><td>{row.SentBytes}</td><td>{Sec(row.SendSeconds)}</td><td>{Sec(row.SuffixSeconds)}</td><td>{Sec(row.ReplySeconds)}</td><td>{Sec(row.DelaySeconds + row.LossSeconds)}</td><td>{Sec(row.LatencySeconds)}</td><td>{Num(row.ThroughputPerSecond, "0.0")}</td></tr>\n");
            }

            html.Append(CultureInfo.InvariantCulture, $"</table>\n<p>{plan.Candidates.Count} candidates in all (metrics.json lists every one).</p>\n");
        }

        if (metrics.Webhooks is { } webhooks)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>Webhooks</h2>\n<p>{webhooks.EventsEmitted} cosmic events entered the outbox once Earth heard of them; {webhooks.EventsUnheardAtEnd} had not been heard of by the end. A delivery not acknowledged is retried (1 s doubling to 10 min, jittered) and after {DeliveryPolicy.MaxAttempts} attempts becomes a dead letter.</p>\n");
            html.Append("<table><tr><th>subscriber</th><th>filter</th><th>receiver up</th><th>events</th><th>delivered</th><th>attempts</th><th>retries</th><th>dead letters</th><th>pending at end</th><th>fault to acknowledgement p50</th><th>p90</th><th>max</th></tr>\n");
            foreach (var w in webhooks.Subscribers)
            {
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td>{E(w.Name)}</td><td>{E(w.Filter)}</td><td>{Num(100 * w.ReceiverAvailability, "0.00")}%</td><td>{w.Events}</td><td>{w.Delivered}</td><td>{w.Attempts}</td><td>{w.Retries}</td><td>{w.DeadLetters}</td><td>{w.PendingAtEnd}</td><td>{Sec(w.DeliverySeconds.P50)}</td><td>{Sec(w.DeliverySeconds.P90)}</td><td>{Sec(w.DeliverySeconds.Max)}</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        html.Append("<h2>Sites</h2>\n<table><tr><th>site</th><th>location</th><th>GPUs at end</th><th>GPU-hours online</th><th>GPU-hours busy</th><th>utilisation</th><th>served</th></tr>\n");
        foreach (var s in metrics.Sites)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(s.Name)}</td><td>{s.Location}</td><td>{s.GpusAtEnd}</td><td>{Num(s.GpuSecondsAvailable / 3600, "0.0")}</td><td>{Num(s.GpuSecondsBusy / 3600, "0.0")}</td><td>{Num(100 * s.Utilisation, "0.0")}%</td><td>{s.Served}</td></tr>\n");
        }

        var link = metrics.Link;
        html.Append(CultureInfo.InvariantCulture, $"""
            </table>
            <h2>Link {E(link.Name)}</h2>
            <p>Delay model: {link.Model}{(link.Model == "constant" ? " (" + Sec(link.OneWayDelaySeconds) + ")" : "")}; {string.Join("; ", link.Sites.Select(s => $"{E(s.Site)} up {Num(100 * s.Availability, "0.0")}% of the time{(s.PlannedConnectivity is { } p ? $" (a path to Earth {Num(100 * p, "0.0")}% by the contact plan, {Num(100 * s.DirectOnlyConnectivity!.Value, "0.0")}% by the direct link alone)" : "")}, light time {Num(s.MinLightTimeSeconds, "0.000")}–{Num(s.MaxLightTimeSeconds, "0.000")} s"))}. {Num(link.BandwidthMbps, "0.#")} Mbit/s each way; {link.UplinkMessages} requests up ({Num(link.UplinkBytes / 1e6, "0.0")} MB), {link.DownlinkMessages} replies down ({Num(link.DownlinkBytes / 1e6, "0.0")} MB), {link.Retransmissions} retransmissions.</p>
            <h2>Launches</h2>
            <table><tr><th>launch</th><th>site</th><th>lift-off (day)</th><th>online (day)</th><th>outcome</th><th>GPUs</th></tr>
            """);
        foreach (var launch in metrics.Launches)
        {
            var online = launch.OnlineSeconds is { } o ? Num(o / 86_400, "0.##") : "—";
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(launch.Name)}</td><td>{E(launch.Site)}</td><td>{Num(launch.LiftOffSeconds / 86_400, "0.##")}</td><td>{online}</td><td>{launch.Outcome}</td><td>{launch.Gpus}</td></tr>\n");
        }

        html.Append("</table>\n<h2>Plots</h2>\n");
        foreach (var (caption, png) in plots)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<figure><img alt=\"{E(caption)}\" src=\"data:image/png;base64,{Convert.ToBase64String(png)}\"><figcaption>{E(caption)}</figcaption></figure>\n");
        }

        html.Append(CultureInfo.InvariantCulture, $"<p>{metrics.Kernel.Events} kernel events.</p>\n</body></html>\n");
        return html.ToString();
    }

    private const string Style = """
        <style>
        body { font-family: system-ui, sans-serif; margin: 2rem; color: #1a1a2e; }
        table { border-collapse: collapse; margin: 1rem 0; }
        th, td { border: 1px solid #ccd; padding: 0.3rem 0.6rem; text-align: right; }
        th:first-child, td:first-child { text-align: left; }
        th { background: #eef; }
        .bad { color: #b00020; }
        figure { margin: 1rem 0; }
        </style></head><body>
        """;

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Num(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Sec(double seconds) => DurationText.Humanize(seconds);
}
