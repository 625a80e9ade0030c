using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Selene.Server.Api;

/// <summary>
/// What the OpenAPI document says beyond the routes: a summary and a tag for each operation (the table below), and
/// that every operation but health needs a bearer token.
/// </summary>
internal static partial class ApiDescription
{
    /// <summary>The security scheme's name in the document.</summary>
    public const string Bearer = "bearer";

    // One line per operation, METHOD and route as mapped; an operation missing here fails the document's test.
    private static readonly Dictionary<string, string> s_summaries = new(StringComparer.Ordinal)
    {
        ["GET /healthz"] = "Liveness: ok while the process serves.",
        ["GET /readyz"] = "Readiness: ok once the service has started.",
        ["GET /api/whoami"] = "The caller's name and role.",
        ["GET /api/nodes"] = "Nodes with their labels, taints, allocatable resources and bound pods.",
        ["GET /api/nodes/{name}"] = "One node.",
        ["POST /api/nodes/{name}/taints"] = "Puts a taint on a node (replacing one with the same key and effect).",
        ["DELETE /api/nodes/{name}/taints"] = "Removes a node's taints with the key given as ?key=.",
        ["GET /api/pods"] = "Pods with the node each is bound to.",
        ["GET /api/faults"] = "The fault feed after ?after=ID, at most ?limit=N: the live twin's faults and operators' reports.",
        ["POST /api/faults"] = "Reports a fault on a node: the node gets the fault's cosmic-event taint and subscribers a CloudEvent.",
        ["GET /api/twin"] = "The live twin's state now.",
        ["GET /api/twin/stream"] = "The live twin's state as server-sent events, one 'state' event per tick.",
        ["GET /api/twin/power"] = "Each lunar site's state of charge and power over the whole run.",
        ["GET /api/scenarios"] = "Built-in scenarios and the one the live twin runs.",
        ["GET /api/scenarios/current"] = "The scenario the live twin runs.",
        ["POST /api/scenarios/validate"] = "Checks scenario YAML: its summary, or 422 with each error's line and field.",
        ["GET /api/workloads"] = "Tenants with their live counts, and the control plane's workloads.",
        ["POST /scheduler/filter"] = "kube-scheduler extender: the offered nodes the space plugins let the pod onto.",
        ["POST /scheduler/prioritize"] = "kube-scheduler extender: a score from 0 to 10 for each offered node.",
        ["POST /scheduler/bind"] = "kube-scheduler extender: binds the pod to the node in Selene's cluster.",
        ["POST /webhooks/subscriptions"] = "Subscribes a URL to events matching a type filter; the reply holds the signing secret.",
        ["GET /webhooks/subscriptions"] = "Webhook subscriptions.",
        ["DELETE /webhooks/subscriptions/{id}"] = "Removes a subscription.",
        ["GET /webhooks/dead-letters"] = "Deliveries given up after every attempt.",
        ["POST /webhooks/dead-letters/replay"] = "Tries every dead letter again.",
        ["POST /webhooks/events"] = "Publishes a CloudEvent (structured JSON) to the subscribers.",
        ["POST /webhooks/detections"] = "Inbound detection from an outside monitor, signed per Standard Webhooks.",
        ["POST /moderation/items"] = "Moderates an uploaded image (the body): allow, block or review.",
        ["GET /review"] = "Items waiting for a reviewer, oldest first.",
        ["POST /review/{id}/decision"] = "A reviewer's decision on an item: allow or block.",
        ["GET /audit/records"] = "The audit records of the item given as ?item=.",
    };

    /// <summary>Adds the summaries, tags and the bearer scheme to the document.</summary>
    public static void Describe(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Selene";
            document.Info.Description = "Plans, simulates and operates AI compute across Earth, orbit and the Moon.";
            document.Tags = s_summaries.Keys.Select(key => Tag(key.Split(' ')[1])).Distinct().Order(StringComparer.Ordinal)
                .Select(tag => new OpenApiTag { Name = tag }).ToHashSet();
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A token from the service's token file or SELENE_TOKENS; its role (viewer, operator, reviewer, admin) says what it may do.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            // As the document writes it: without route constraints ({id:long} is {id}).
            var route = Constraint().Replace("/" + context.Description.RelativePath?.TrimEnd('/'), "}");
            var key = $"{context.Description.HttpMethod} {route}";
            if (s_summaries.TryGetValue(key, out var summary))
            {
                operation.Summary = summary;
            }

            operation.Tags = new HashSet<OpenApiTagReference> { new(Tag(route), context.Document) };
            if (!context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any())
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] });
            }

            return Task.CompletedTask;
        });
    }

    // An operation's tag: health, the route's first segment after /api (nodes, faults, twin …), or its first (scheduler, webhooks …).
    private static string Tag(string route)
    {
        var segments = route.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length == 0 || segments[0] is "healthz" or "readyz" ? "health" : segments[0] == "api" && segments.Length > 1 ? segments[1] : segments[0];
    }

    [System.Text.RegularExpressions.GeneratedRegex(":[^}]+}")]
    private static partial System.Text.RegularExpressions.Regex Constraint();
}
