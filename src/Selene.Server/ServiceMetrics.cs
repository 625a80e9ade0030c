using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Prometheus;
using Selene.Cluster.Scheduling;
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
internal sealed class ServiceMetrics
{
    private readonly Counter _requests;

    public ServiceMetrics(ClusterScheduler cluster, WebhookOutbox? outbox, ReviewBacklog? backlog, LiveTwin? twin, FaultFeed feed)
    {
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        _requests = factory.CreateCounter("selene_http_requests_total", "Requests answered, by route and status.", "method", "route", "status");
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

    public CollectorRegistry Registry { get; }

    /// <summary>Counts each answered request under its route's pattern (not its path, so the labels stay few).</summary>
    public async Task Count(HttpContext context, Func<Task> next)
    {
        await next();
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
        _requests.WithLabels(context.Request.Method, route, context.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
    }
}
