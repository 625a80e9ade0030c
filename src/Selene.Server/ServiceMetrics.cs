using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Prometheus;
using Selene.Cluster.Scheduling;
using Selene.Moderation.Review;
using Selene.Server.Webhooks;

namespace Selene.Server;

/// <summary>
/// The service's Prometheus metrics, in a registry of its own: requests by route and status, and at each scrape the
/// cluster's nodes and bound pods, the webhook outbox (subscriptions, deliveries pending, delivered and dead) and the
/// review backlog (waiting, overdue).
/// </summary>
internal sealed class ServiceMetrics
{
    private readonly Counter _requests;

    public ServiceMetrics(ClusterScheduler cluster, WebhookOutbox? outbox, ReviewBacklog? backlog)
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
