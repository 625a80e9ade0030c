using System.Globalization;
using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Selene.Simulation.Webhooks;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;
using Selene.Server.Api;

namespace Selene.Server.Webhooks;

/// <summary>
/// The webhook API: subscriptions (<c>/webhooks/subscriptions</c>), publishing CloudEvents to the outbox
/// (<c>/webhooks/events</c>), dead letters and their replay, and the inbound endpoint for outside monitors
/// (<c>/webhooks/detections</c>): Standard Webhooks signature checked against the inbound secret, timestamps more
/// than five minutes off refused (400), bad signatures refused (401), bodies over 64 KiB refused (413), a message
/// id seen before acknowledged without being recorded again; nothing is recorded for a refused message.
/// </summary>
public static class WebhookEndpoints
{
    /// <summary>Largest inbound detection accepted.</summary>
    public const int MaxInboundBytes = 64 * 1024;

    /// <summary>How far an inbound timestamp may be from now.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private static readonly JsonEventFormatter s_formatter = new();

    /// <summary>Maps the endpoints: reads on <paramref name="read"/>, changes on <paramref name="routes"/> (operators').</summary>
    public static void Map(IEndpointRouteBuilder read, IEndpointRouteBuilder routes, WebhookOutbox outbox, WebhookDispatcher dispatcher, WebhookTargets targets,
        string? inboundSecret, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapPost("/webhooks/subscriptions", async (HttpContext context) =>
        {
            var body = await Read(context);
            try
            {
                using var json = JsonDocument.Parse(body);
                var root = json.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("url", out var url) || url.ValueKind != JsonValueKind.String
                    || !Uri.TryCreate(url.GetString(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                {
                    return Problems.Of(400, "url", "a subscription needs url: an absolute http or https URL");
                }

                var filter = !root.TryGetProperty("filter", out var f) ? "*" : f.ValueKind == JsonValueKind.String ? f.GetString()! : "";
                if (!DeliveryPolicy.IsFilter(filter))
                {
                    return Problems.Of(422, "filter", $"'{filter}' is not {DeliveryPolicy.FilterForms}");
                }

                if (await targets.RefuseAsync(uri, context.RequestAborted) is { } refused)
                {
                    return Problems.Of(422, "url", refused);
                }
                var subscription = outbox.Subscribe(uri, filter);
                return Results.Json(new { id = subscription.Id, url = subscription.Url, filter = subscription.Filter, secret = subscription.Secret }, statusCode: 201);
            }
            catch (JsonException e)
            {
                return Problems.Of(400, "", $"the body is not valid JSON: {e.Message}");
            }
        });
        read.MapGet("/webhooks/subscriptions", () => Results.Json(outbox.Subscriptions().Select(s => new { id = s.Id, url = s.Url, filter = s.Filter })));
        routes.MapDelete("/webhooks/subscriptions/{id}", (string id) => outbox.Unsubscribe(id) ? Results.NoContent() : Results.NotFound());
        read.MapGet("/webhooks/dead-letters", () => Results.Json(outbox.DeadLetters().Select(d => new { eventId = d.EventId, subscriptionId = d.SubscriptionId, attempts = d.Attempts, lastError = d.LastError })));
        routes.MapPost("/webhooks/dead-letters/replay", () =>
        {
            var replayed = outbox.ReplayDeadLetters(time.GetUtcNow().ToUnixTimeMilliseconds());
            dispatcher.Notify();
            return Results.Json(new { replayed });
        });
        routes.MapPost("/webhooks/events", async (HttpContext context) =>
        {
            var body = await Read(context);
            CloudEvent cloudEvent;
            try
            {
                cloudEvent = s_formatter.DecodeStructuredModeMessage(body, new System.Net.Mime.ContentType("application/cloudevents+json"), null);
                cloudEvent.Validate();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or JsonException or FormatException)
            {
                return Problems.Of(400, "", $"not a CloudEvent in structured JSON: {e.Message}");
            }

            var added = dispatcher.Publish([cloudEvent]);
            return Results.Json(new { id = cloudEvent.Id, stored = added == 1 }, statusCode: added == 1 ? 202 : 200);
        });
        routes.MapPost("/webhooks/detections", async (HttpContext context) =>
        {
            if (inboundSecret is null)
            {
                return Problems.Of(404, "", "this service accepts no inbound detections: start it with an inbound secret");
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = MaxInboundBytes;
            }

            byte[] body;
            try
            {
                body = await Read(context);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return Problems.Of(413, "", $"the body is larger than {MaxInboundBytes} bytes");
            }

            if (body.Length > MaxInboundBytes)
            {
                return Problems.Of(413, "", $"the body is larger than {MaxInboundBytes} bytes");
            }

            var headers = context.Request.Headers;
            if (!long.TryParse(headers["webhook-timestamp"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) || string.IsNullOrEmpty(headers["webhook-id"]))
            {
                return Problems.Of(400, "webhook-timestamp", "webhook-id and webhook-timestamp headers are required");
            }

            var now = time.GetUtcNow();
            if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Tolerance)
            {
                return Problems.Of(400, "webhook-timestamp", $"timestamp is more than {Tolerance.TotalMinutes} minutes from now: refused as a possible replay");
            }

            var payload = Encoding.UTF8.GetString(body);
            try
            {
                new StandardWebhook(inboundSecret).Verify(payload, headers);
            }
            catch (WebhookVerificationException)
            {
                return Problems.Of(401, "webhook-signature", "the signature does not match the body");
            }

            string node, kind, severity;
            try
            {
                using var json = JsonDocument.Parse(payload);
                var root = json.RootElement;
                node = Text(root, "node");
                kind = Text(root, "kind");
                severity = root.TryGetProperty("severity", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "unknown";
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
            {
                return Problems.Of(400, "", "a detection is a JSON object with string fields node and kind (and optionally severity)");
            }

            var id = headers["webhook-id"].ToString();
            if (!outbox.RecordInbound(id, body, now.ToUnixTimeMilliseconds()))
            {
                return Results.Json(new { id, duplicate = true });
            }

            var cloudEvent = new CloudEvent
            {
                Id = "detection-" + id,
                Source = new Uri("urn:selene:detections"),
                Type = "io.selene.cosmic-event.detected",
                Time = now,
                Subject = node,
                DataContentType = "application/json",
                Data = new { node, kind, severity },
            };
            dispatcher.Publish([cloudEvent]);
            return Results.Json(new { id, duplicate = false }, statusCode: 202);
        }).RequireRateLimiting(SeleneServer.IngressLimit);
    }

    private static string Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new KeyNotFoundException(name);

    private static async Task<byte[]> Read(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        return buffer.ToArray();
    }
}
