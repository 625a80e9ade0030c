using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Selene.Server.Webhooks;
using Selene.Testing;
using StandardWebhooks;

namespace Selene.Server.Tests.Webhooks;

/// <summary>The webhook endpoints and delivery over real HTTP on loopback.</summary>
public sealed class WebhookHttpTests : IAsyncLifetime, IDisposable
{
    private const string InboundSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private TestService _service = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _service = await TestService.StartAsync(folder => new SeleneServerOptions { WebhookDatabase = Path.Combine(folder, "webhooks.db"), InboundSecret = InboundSecret, AllowPrivateWebhookTargets = true });
        _http = _service.Client();
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    public void Dispose() => _http.Dispose();

    private async Task<string> Subscribe(Uri url, string filter = "*")
    {
        using var response = await _http.PostAsync("/webhooks/subscriptions", new StringContent(JsonSerializer.Serialize(new { url, filter }), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("secret").GetString()!;
    }

    private async Task Publish(int count, string prefix)
    {
        for (var i = 0; i < count; i++)
        {
            var body = new CloudNative.CloudEvents.SystemTextJson.JsonEventFormatter().EncodeStructuredModeMessage(WebhookOutboxTests.Event($"{prefix}-{i}"), out _);
            using var response = await _http.PostAsync("/webhooks/events", new ByteArrayContent(body.ToArray()));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
    }

    private static async Task Until(Func<bool> condition, TimeSpan limit)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < limit)
        {
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_receiver_that_answers_500_for_a_while_gets_everything_once_it_recovers()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Secret = await Subscribe(receiver.Url);
        receiver.Failing = true;
        await Publish(40, "storm");
        await Task.Delay(1500);
        Assert.Empty(receiver.Received);
        receiver.Failing = false;
        await Until(() => receiver.Received.Count == 40, TimeSpan.FromSeconds(30));
        Assert.Equal(40, receiver.Received.Count);
        Assert.Equal(0, receiver.BadSignatures);
        var outbox = _service.App.Services.GetRequiredService<WebhookOutbox>();
        await Until(() => outbox.Counts().Delivered == 40, TimeSpan.FromSeconds(5));
        Assert.Equal((0L, 40L, 0L), outbox.Counts());
    }

    private static HttpRequestMessage Detection(string id, string body, DateTimeOffset at, string secret = InboundSecret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/detections") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", new StandardWebhook(secret).Sign(id, at, body));
        return request;
    }

    [Fact]
    public async Task Inbound_detections_need_a_valid_fresh_signature_and_small_body_and_replays_are_not_recorded_again()
    {
        var outbox = _service.App.Services.GetRequiredService<WebhookOutbox>();
        const string body = """{"node":"lunar-gpu-01","kind":"seu","severity":"detected-corruption"}""";
        var now = TimeProvider.System.GetUtcNow();

        using (var bad = await _http.SendAsync(Detection("d1", body, now, secret: "whsec_" + Convert.ToBase64String(new byte[32]))))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
            Assert.Equal("application/problem+json", bad.Content.Headers.ContentType!.MediaType);
        }

        using (var stale = await _http.SendAsync(Detection("d2", body, now.AddMinutes(-10))))
        {
            Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        }

        var huge = "{\"node\":\"n\",\"kind\":\"seu\",\"pad\":\"" + new string('x', 70 * 1024) + "\"}";
        using (var large = await _http.SendAsync(Detection("d3", huge, now)))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        }

        Assert.Equal(0, outbox.InboundCount());

        using (var good = await _http.SendAsync(Detection("d4", body, now)))
        {
            Assert.Equal(HttpStatusCode.Accepted, good.StatusCode);
        }

        using (var replay = await _http.SendAsync(Detection("d4", body, now)))
        {
            Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
            Assert.True(JsonDocument.Parse(await replay.Content.ReadAsStringAsync()).RootElement.GetProperty("duplicate").GetBoolean());
        }

        Assert.Equal(1, outbox.InboundCount());
    }

    [Fact]
    public async Task Bad_subscription_and_event_bodies_get_problem_details()
    {
        using var noUrl = await _http.PostAsync("/webhooks/subscriptions", new StringContent("{\"url\":\"ftp://x\"}"));
        Assert.Equal(HttpStatusCode.BadRequest, noUrl.StatusCode);
        using var notJson = await _http.PostAsync("/webhooks/subscriptions", new StringContent("{nope"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        using var notEvent = await _http.PostAsync("/webhooks/events", new StringContent("{\"id\":\"x\"}"));
        Assert.Equal(HttpStatusCode.BadRequest, notEvent.StatusCode);
        Assert.Equal("application/problem+json", notEvent.Content.Headers.ContentType!.MediaType);
    }
}
