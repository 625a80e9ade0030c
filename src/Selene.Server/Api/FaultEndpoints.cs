using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Selene.Cluster.Scheduling.Extender;
using Selene.Server.Faults;
using Selene.Simulation.Faults;

namespace Selene.Server.Api;

/// <summary>
/// The fault feed (<c>GET /api/faults?after=ID&amp;limit=N</c>: the live twin's faults and operators' reports, oldest
/// first) and operators' reports (<c>POST /api/faults</c> with <c>node</c> and <c>type</c>): a reported fault taints
/// its node as the twin's faults do (<c>selene.io/cosmic-event=TYPE</c>), and with an outbox goes out as a CloudEvent.
/// </summary>
public static class FaultEndpoints
{
    /// <summary>Most faults one read returns.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Maps the endpoints; <paramref name="publish"/> sends a reported fault on (null: nowhere).</summary>
    /// <param name="read">Routes for readers.</param>
    /// <param name="operate">Routes for operators.</param>
    /// <param name="feed">The fault feed.</param>
    /// <param name="time">The clock reports are stamped with.</param>
    /// <param name="publish">Sends a report to webhook subscribers, when there is an outbox.</param>
    /// <param name="twinSites">The site of each of the live twin's nodes, when a twin runs.</param>
    public static void Map(IEndpointRouteBuilder read, IEndpointRouteBuilder operate, FaultFeed feed, TimeProvider time, Action<FaultReport>? publish,
        IReadOnlyDictionary<string, string>? twinSites = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(operate);
        ArgumentNullException.ThrowIfNull(feed);
        read.MapGet("/api/faults", (long? after, int? limit) =>
        {
            if (after is < 0)
            {
                return Problems.Of(400, "after", "after is the id of the last fault seen: 0 or more");
            }

            if (limit is < 1 or > MaxLimit)
            {
                return Problems.Of(400, "limit", $"limit is 1 to {MaxLimit}");
            }

            return Results.Json(feed.After(after ?? 0, limit ?? 100));
        });
        operate.MapPost("/api/faults", async (HttpContext context, ExtenderService service) =>
        {
            var (body, problem) = await Problems.ReadObject(context);
            if (problem is not null)
            {
                return problem;
            }

            using (body)
            {
                var node = Problems.Text(body!.RootElement, "node");
                var type = Problems.Text(body.RootElement, "type");
                if (string.IsNullOrEmpty(node))
                {
                    return Problems.Of(400, "node", "node must name a node of the cluster");
                }

                if (type is null || !CosmicEvent.Types.Contains(type))
                {
                    return Problems.Of(400, "type", $"type must be one of {string.Join(", ", CosmicEvent.Types)}");
                }

                var (effect, _) = CosmicEvent.TaintOf(type);
                string? site = null;
                var known = service.WithCluster(c =>
                {
                    var found = c.Store.Get<k8s.Models.V1Node>(null, node);
                    site = found is null ? null : SiteOf(found, twinSites);
                    return found is not null
                        && (effect is null || ClusterEndpoints.Taint(c, node, new k8s.Models.V1Taint { Effect = effect, Key = CosmicEvent.TaintKey, Value = type }));
                });
                if (!known)
                {
                    return Problems.Of(404, "node", $"no node named '{node}'");
                }

                var report = feed.Add(time.GetUtcNow(), site ?? "", node, type, CosmicEvent.SeverityOf(type), "operator");
                publish?.Invoke(report);
                return Results.Json(report, statusCode: 201);
            }
        });
    }

    /// <summary>
    /// The site a node stands at: the live twin's own record of it, else its <c>selene.io/site</c> label, else the
    /// zone Kubernetes labels it with (<c>topology.kubernetes.io/zone</c>); empty when none says.
    /// </summary>
    public static string SiteOf(k8s.Models.V1Node node, IReadOnlyDictionary<string, string>? twinSites)
    {
        ArgumentNullException.ThrowIfNull(node);
        string? Label(string key) => node.Metadata?.Labels is { } labels && labels.TryGetValue(key, out var value) ? value : null;
        return twinSites?.GetValueOrDefault(node.Metadata?.Name ?? "") ?? Label("selene.io/site") ?? Label("topology.kubernetes.io/zone") ?? "";
    }
}
