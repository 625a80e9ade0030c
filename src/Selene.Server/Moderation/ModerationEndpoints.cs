using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Selene.Moderation.Audit;
using Selene.Moderation.Filtering;
using Selene.Moderation.Policy;
using Selene.Moderation.Review;
using Selene.Server.Api;

namespace Selene.Server.Moderation;

/// <summary>
/// The review loop over HTTP: items to moderate (the image as the body), the review backlog and reviewers'
/// decisions on it, and the audit records of an item.
/// </summary>
public static class ModerationEndpoints
{
    /// <summary>Maps the endpoints: reads on <paramref name="read"/>, uploads on <paramref name="routes"/> (operators'), decisions on <paramref name="review"/> (reviewers'); outcomes are counted in <paramref name="metrics"/>.</summary>
    public static void Map(IEndpointRouteBuilder read, IEndpointRouteBuilder routes, IEndpointRouteBuilder review, Moderator moderator, ReviewBacklog backlog, AuditLog audit, ServiceMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(review);
        routes.MapPost("/moderation/items", async (HttpContext context, string? name, string? tenant) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            var item = string.IsNullOrWhiteSpace(name) ? $"upload-{Guid.NewGuid():N}" : name;
            var outcome = moderator.Moderate(buffer.ToArray(), item, string.IsNullOrWhiteSpace(tenant) ? "default" : tenant);
            metrics.Moderated(outcome.Rejected is null ? Moderator.Name(outcome.Decision!.Action) : "reject");
            if (outcome.Rejected is { } reason)
            {
                // Recorded and quarantined all the same: the reply says why, and where the record is.
                return Results.Problem(statusCode: 422, detail: reason, extensions: new Dictionary<string, object?> { ["field"] = "body", ["item"] = item, ["audit"] = outcome.AuditSequence });
            }

            return Results.Json(new
            {
                item,
                action = Moderator.Name(outcome.Decision!.Action),
                rule = outcome.Decision.Rule,
                label = outcome.Decision.Label,
                hash = outcome.Hash!.Hash.ToString(),
                quality = outcome.Hash.Quality,
                published = outcome.Published,
                audit = outcome.AuditSequence,
                review = outcome.Review?.Id,
            });
        });
        read.MapGet("/review", () => Results.Json(backlog.Pending()));
        review.MapPost("/review/{id:long}/decision", async (HttpContext context, long id) =>
        {
            ReviewerDecision? body;
            try
            {
                body = await JsonSerializer.DeserializeAsync<ReviewerDecision>(context.Request.Body, JsonSerializerOptions.Web, context.RequestAborted);
            }
            catch (JsonException e)
            {
                return Problems.Of(400, "", $"the body is not a decision in JSON: {e.Message}");
            }

            if (body is null || body.Action is not ("allow" or "block"))
            {
                return Problems.Of(400, "action", "a decision is {\"action\": \"allow\" or \"block\", \"note\": optional}");
            }

            // A decision is on record under the name of the token that made it, never a name the body claims.
            var reviewer = context.User.Identity?.Name ?? "";
            if (body.Reviewer is { Length: > 0 } claimed && claimed != reviewer)
            {
                return Problems.Of(400, "reviewer", $"decisions are recorded under the token's name ({reviewer}), not {claimed}");
            }

            try
            {
                var record = backlog.Decide(id, reviewer, body.Action == "block" ? ModerationAction.Block : ModerationAction.Allow, body.Note);
                metrics.Decided(body.Action);
                return Results.Json(record);
            }
            catch (KeyNotFoundException e)
            {
                return Problems.Of(404, "id", e.Message);
            }
            catch (ArgumentException e)
            {
                return Problems.Of(400, "reviewer", e.Message);
            }
        });
        read.MapGet("/audit/records", (string? item) => string.IsNullOrWhiteSpace(item)
            ? Problems.Of(400, "item", "name the item: /audit/records?item=NAME")
            : Results.Json(audit.For(item)));
    }

    private sealed record ReviewerDecision(string? Action, string? Reviewer, string? Note);
}
