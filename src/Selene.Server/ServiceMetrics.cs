using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Prometheus;
using Microsoft.Extensions.Logging;
using Selene.Cluster.Scheduling;
using Selene.Cluster.Scheduling.Extender;
using Selene.Moderation.Review;
using Selene.Server.Faults;
using Selene.Server.Twin;
using Selene.Server.Webhooks;

namespace Selene.Server;

/// <summary>
/// The service's Prometheus metrics, in a registry of its own: requests by route and status, and at each scrape the
/// cluster's nodes and bound pods, the webhook outbox (subscriptions, deliveries pending, delivered and dead), the
/// review backlog (waiting, overdue), the fault feed, and from the live twin each site's GPUs, link and power and each
/// tenant's requests.
/// </summary>
public sealed partial class ServiceMetrics
{
    private readonly Counter _requests;
    private readonly Counter _filtered;
    private readonly Counter _bindings;
    private readonly Counter _moderated;
    private readonly Counter _decisions;

    /// <summary>Metrics of a service with these parts; null parts are left out.</summary>
    public ServiceMetrics(ClusterScheduler cluster, WebhookOutbox? outbox, ReviewBacklog? backlog, LiveTwin? twin, FaultFeed feed)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(feed);
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        _requests = factory.CreateCounter("selene_http_requests_total", "Requests answered, by route and status.", "method", "route", "status");
        _filtered = factory.CreateCounter("selene_scheduler_filtered_nodes_total", "Nodes the extender's filter passed or failed, by outcome.", "outcome");
        _bindings = factory.CreateCounter("selene_scheduler_bindings_total", "Extender bind calls by outcome.", "outcome");
        _moderated = factory.CreateCounter("selene_moderation_items_total", "Items moderated, by the filter's action (allow, block, review, reject).", "action");
        _decisions = factory.CreateCounter("selene_review_decisions_total", "Reviewers' decisions, by action.", "action");
        var nodes = factory.CreateGauge("selene_cluster_nodes", "Nodes the scheduler knows.");
        var pods = factory.CreateGauge("selene_cluster_bound_pods", "Pods bound to nodes.");
        var subscriptions = factory.CreateGauge("selene_webhook_subscriptions", "Webhook subscribers.");
        var deliveries = factory.CreateGauge("selene_webhook_deliveries", "Webhook deliveries by state.", "state");
        var waiting = factory.CreateGauge("selene_review_backlog_items", "Items waiting for a reviewer.");
        var overdue = factory.CreateGauge("selene_review_backlog_overdue_items", "Items waiting past their deadline.");
        var faults = factory.CreateGauge("selene_faults_heard", "Faults in the feed since the service started (the twin's and operators').");
        var simulated = factory.CreateGauge("selene_twin_simulated_seconds", "Simulated seconds the live twin has run.");
        var gpus = factory.CreateGauge("selene_site_gpus", "Working GPUs at a site (live twin).", "site");
        var busy = factory.CreateGauge("selene_site_busy_gpus", "GPUs serving a request at a site (live twin).", "site");
        var linkUp = factory.CreateGauge("selene_link_up", "1 while a ground station sees the site, else 0 (live twin).", "site");
        var lightTime = factory.CreateGauge("selene_link_light_time_seconds", "One-way light time to the site (live twin).", "site");
        var charge = factory.CreateGauge("selene_power_state_of_charge_ratio", "Stored energy over capacity (live twin).", "site");
        var solar = factory.CreateGauge("selene_power_solar_watts", "Power from the site's array (live twin).", "site");
        var used = factory.CreateGauge("selene_power_used_watts", "Power the site draws (live twin).", "site");
        var served = factory.CreateGauge("selene_twin_requests", "A tenant's requests by outcome so far (live twin).", "tenant", "outcome");
        Registry.AddBeforeCollectCallback(() =>
        {
            nodes.Set(cluster.Snapshot.Nodes.Count);
            pods.Set(cluster.Snapshot.BoundPodCount);
            if (outbox is not null)
            {
                subscriptions.Set(outbox.Subscriptions().Count);
                var (pending, delivered, dead) = outbox.Counts();
                deliveries.WithLabels("pending").Set(pending);
                deliveries.WithLabels("delivered").Set(delivered);
                deliveries.WithLabels("dead").Set(dead);
            }

            faults.Set(feed.Count);
            if (twin?.Latest is { } state)
            {
                simulated.Set(state.Seconds);
                foreach (var site in state.Sites)
                {
                    gpus.WithLabels(site.Name).Set(site.Gpus);
                    busy.WithLabels(site.Name).Set(site.Busy);
                    if (site.Link is { } link)
                    {
                        linkUp.WithLabels(site.Name).Set(link.Up ? 1 : 0);
                        lightTime.WithLabels(site.Name).Set(link.LightTimeSeconds);
                    }

                    if (site.Power is { } power)
                    {
                        charge.WithLabels(site.Name).Set(power.StateOfCharge);
                        solar.WithLabels(site.Name).Set(power.SolarWatts);
                        used.WithLabels(site.Name).Set(power.UsedWatts);
                    }
                }

                foreach (var tenant in state.Tenants)
                {
                    served.WithLabels(tenant.Name, "served").Set(tenant.Served);
                    served.WithLabels(tenant.Name, "failed").Set(tenant.Failed);
                    served.WithLabels(tenant.Name, "in-flight").Set(tenant.InFlight);
                }
            }

            if (backlog is not null)
            {
                waiting.Set(backlog.Pending().Count);
                overdue.Set(backlog.Overdue().Count);
            }
        });
    }

    /// <summary>The registry <c>/metrics</c> reads.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>Counts the nodes one filter call passed, failed and failed for good.</summary>
    public void Filtered(ExtenderFilterResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _filtered.WithLabels("passed").Inc(result.NodeNames?.Count ?? result.Nodes?.Items?.Count ?? 0);
        _filtered.WithLabels("failed").Inc(result.FailedNodes.Count);
        _filtered.WithLabels("unresolvable").Inc(result.FailedAndUnresolvableNodes.Count);
    }

    /// <summary>Counts a bind call: bound, or refused with an error.</summary>
    public void Bound(ExtenderBindingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _bindings.WithLabels(result.Error.Length == 0 ? "bound" : "error").Inc();
    }

    /// <summary>Counts an item the filter decided (allow, block, review) or refused (reject).</summary>
    public void Moderated(string action) => _moderated.WithLabels(action).Inc();

    /// <summary>Counts a reviewer's decision.</summary>
    public void Decided(string action) => _decisions.WithLabels(action).Inc();

    /// <summary>
    /// Counts each answered request under its route's pattern (not its path, so the labels stay few) and logs it:
    /// method, path, status, the caller's name and the time taken. Never the query string, where a token may travel.
    /// </summary>
    public Func<HttpContext, Func<Task>, Task> CountAndLog(ILogger log) => async (context, next) =>
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await next();
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
        var status = context.Response.StatusCode;
        _requests.WithLabels(context.Request.Method, route, status.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
        if (log.IsEnabled(LogLevel.Information))
        {
            var milliseconds = Math.Round(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1);
            var user = context.User.Identity?.Name ?? "-";
            var path = context.Request.Path.Value ?? "";
            LogRequest(log, context.Request.Method, path, status, user, milliseconds);
        }
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} {Status} {User} {Milliseconds} ms")]
    private static partial void LogRequest(ILogger logger, string method, string path, int status, string user, double milliseconds);
}
