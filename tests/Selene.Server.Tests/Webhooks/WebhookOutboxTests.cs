using CloudNative.CloudEvents;
using Selene.Server.Webhooks;
using Selene.Simulation.Webhooks;

namespace Selene.Server.Tests.Webhooks;

public sealed class WebhookOutboxTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"selene-outbox-{Guid.NewGuid():n}.db");

    internal static CloudEvent Event(string id, string type = "io.selene.cosmic-event.seu") => new()
    {
        Id = id,
        Source = new Uri("urn:selene:test"),
        Type = type,
        Time = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero),
        DataContentType = "application/json",
        Data = new { node = "lunar-gpu-01", outcome = "gpu-hang" },
    };

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Events_are_stored_with_a_delivery_per_interested_subscriber_before_any_attempt_and_survive_reopening()
    {
        using (var outbox = new WebhookOutbox(_path))
        {
            outbox.Subscribe(new Uri("http://a.example/hook"), "*");
            outbox.Subscribe(new Uri("http://b.example/hook"), "io.selene.cosmic-event.micrometeoroid*");
            Assert.Equal(2, outbox.Enqueue([Event("e1"), Event("e2", "io.selene.cosmic-event.micrometeoroid.hit")], 1000));
            // The same id again is the same event: stored once (idempotency key).
            Assert.Equal(0, outbox.Enqueue([Event("e1")], 1000));
        }

        using var reopened = new WebhookOutbox(_path);
        Assert.Equal((3L, 0L, 0L), reopened.Counts());
        var due = reopened.Due(1000, 10);
        Assert.Equal(["e1", "e2", "e2"], due.Select(d => d.EventId).Order());
        Assert.Empty(reopened.Due(999, 10));
    }

    [Fact]
    public void Failures_back_off_then_become_dead_letters_that_can_be_replayed()
    {
        using var outbox = new WebhookOutbox(_path);
        outbox.Subscribe(new Uri("http://a.example/hook"), "*");
        outbox.Enqueue([Event("e1")], 0);
        var now = 0L;
        for (var attempt = 1; attempt <= DeliveryPolicy.MaxAttempts; attempt++)
        {
            var delivery = Assert.Single(outbox.Due(now, 10));
            Assert.Equal(attempt - 1, delivery.Attempts);
            var next = DeliveryPolicy.NextAttemptMs(now, delivery.EventId, attempt);
            // 1 s doubling, times 0.5–1.5, capped at 10 min.
            Assert.InRange(next - now, 500 * Math.Min(Math.Pow(2, attempt - 1), 600), 1500 * Math.Min(Math.Pow(2, attempt - 1), 600));
            outbox.Record([(delivery, false, "HTTP 500", next)], now);
            now = next;
        }

        Assert.Empty(outbox.Due(long.MaxValue, 10));
        var dead = Assert.Single(outbox.DeadLetters());
        Assert.Equal(("e1", DeliveryPolicy.MaxAttempts, "HTTP 500"), (dead.EventId, dead.Attempts, dead.LastError));
        Assert.Equal(1, outbox.ReplayDeadLetters(now));
        Assert.Single(outbox.Due(now, 10));
    }

    [Fact]
    public void Deliveries_are_signed_per_the_Standard_Webhooks_spec()
    {
        using var outbox = new WebhookOutbox(_path);
        var subscription = outbox.Subscribe(new Uri("http://a.example/hook"), "*");
        outbox.Enqueue([Event("e1")], 0);
        var delivery = Assert.Single(outbox.Due(0, 1));
        var at = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var request = WebhookDispatcher.Sign(delivery, at);
        Assert.Equal("e1", request.Headers.GetValues("webhook-id").Single());
        Assert.Equal("1798761600", request.Headers.GetValues("webhook-timestamp").Single());
        var signature = request.Headers.GetValues("webhook-signature").Single();
        Assert.StartsWith("v1,", signature, StringComparison.Ordinal);
        // The spec's construction: HMAC-SHA256 over "id.timestamp.body" with the base64 secret after "whsec_".
        var key = Convert.FromBase64String(subscription.Secret["whsec_".Length..]);
        var expected = Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(key, System.Text.Encoding.UTF8.GetBytes($"e1.1798761600.{System.Text.Encoding.UTF8.GetString(delivery.Body)}")));
        Assert.Equal("v1," + expected, signature);
        Assert.Equal("application/cloudevents+json", request.Content!.Headers.ContentType!.MediaType);
        Assert.Contains("\"specversion\":\"1.0\"", System.Text.Encoding.UTF8.GetString(delivery.Body), StringComparison.Ordinal);
    }
}
