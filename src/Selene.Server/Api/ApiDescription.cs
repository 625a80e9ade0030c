using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Selene.Server.Api;

/// <summary>
/// What the OpenAPI document says beyond the routes, so client generators and linters take it as it is: a summary, a tag
/// and an operationId for each operation (the table below; the id from the method and route), the problem-details
/// replies each may give (401 and 403 where a token is needed, 400, 413 and 422 where a body is read), tags with
/// descriptions, servers without a trailing slash, and the bearer scheme every operation but health requires (health
/// declares <c>security: []</c>).
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

    // What each tag holds, for the document's tag list.
    private static readonly Dictionary<string, string> s_tags = new(StringComparer.Ordinal)
    {
        ["audit"] = "The moderation audit log: every decision with its reasons, hash-chained.",
        ["faults"] = "The fault feed: the live twin's cosmic events and operators' reports.",
        ["health"] = "Liveness and readiness probes; no token needed.",
        ["moderation"] = "Uploads through the content filter.",
        ["nodes"] = "The cluster's nodes and their taints, as Selene's scheduler sees them.",
        ["pods"] = "The cluster's pods.",
        ["review"] = "The human review queue.",
        ["scenarios"] = "Scenarios: the built-in ones, the live twin's, and validation of new ones.",
        ["scheduler"] = "The kube-scheduler extender protocol.",
        ["twin"] = "The live digital twin.",
        ["webhooks"] = "Cosmic-event webhooks: subscriptions, the outbox, dead letters and inbound detections.",
        ["whoami"] = "Who the caller's token says they are.",
        ["workloads"] = "Tenants and the control plane's workloads.",
    };

    /// <summary>Adds the summaries, operation ids, replies, tags and the bearer scheme to the document.</summary>
    public static void Describe(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Selene";
            document.Info.Description = "Plans, simulates and operates AI compute across Earth, orbit and the Moon.";
            document.Tags = s_summaries.Keys.Select(key => Tag(key.Split(' ')[1])).Distinct().Order(StringComparer.Ordinal)
                .Select(tag => new OpenApiTag { Name = tag, Description = s_tags.GetValueOrDefault(tag) }).ToHashSet();
            foreach (var server in document.Servers ?? [])
            {
                server.Url = server.Url?.TrimEnd('/');
            }

            document.Components ??= new OpenApiComponents();
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas[Problem] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "RFC 9457 problem details; Selene adds the field at fault where it knows it.",
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
                    ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    ["field"] = new OpenApiSchema { Type = JsonSchemaType.String },
                },
            };
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

            operation.OperationId = OperationId(context.Description.HttpMethod ?? "GET", route);
            operation.Tags = new HashSet<OpenApiTagReference> { new(Tag(route), context.Document) };
            operation.Responses ??= [];
            var anonymous = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any();
            if (anonymous)
            {
                operation.Security = [];
            }
            else
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] });
                AddProblem(operation, context.Document, "401", "No token, or one the service does not know.");
                AddProblem(operation, context.Document, "403", "The token's role may not do this.");
            }

            if (context.Description.HttpMethod is "POST" or "PUT")
            {
                AddProblem(operation, context.Document, "400", "The body is not what the operation reads (malformed JSON, wrong types).");
                AddProblem(operation, context.Document, "413", "The body is larger than the service accepts.");
                AddProblem(operation, context.Document, "422", "The body is well formed but not valid; the problem names the field.");
            }

            if (route.Contains('{', StringComparison.Ordinal))
            {
                AddProblem(operation, context.Document, "404", "Nothing of that name or id.");
            }

            if (route == "/webhooks/detections")
            {
                AddProblem(operation, context.Document, "429", "More detections a second than the service takes.");
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>The schema of problem-details replies in the document.</summary>
    public const string Problem = "ProblemDetails";

    private static void AddProblem(OpenApiOperation operation, OpenApiDocument? document, string status, string description) =>
        operation.Responses!.TryAdd(status, new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(Problem, document) },
            },
        });

    // getNodes, postNodesByNameTaints, postReviewByIdDecision: the method, then each segment of the route but /api, a
    // parameter as By and its name; unique because routes are.
    internal static string OperationId(string method, string route)
    {
        var id = new System.Text.StringBuilder(method.ToLowerInvariant());
        foreach (var segment in route.Split('/', StringSplitOptions.RemoveEmptyEntries).SkipWhile(s => s == "api"))
        {
            var name = segment.Trim('{', '}');
            var word = segment.StartsWith('{') ? "By" + char.ToUpperInvariant(name[0]) + name[1..] : segment;
            foreach (var part in word.Split('-', '.'))
            {
                if (part.Length > 0)
                {
                    id.Append(char.ToUpperInvariant(part[0])).Append(part.AsSpan(1));
                }
            }
        }

        return id.ToString();
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
