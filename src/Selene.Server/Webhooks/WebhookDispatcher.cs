using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Hosting;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using Selene.Simulation.Webhooks;
using StandardWebhooks;

namespace Selene.Server.Webhooks;

/// <summary>
/// Delivers the outbox: each due delivery is posted as a CloudEvent in structured JSON, signed per the Standard
/// Webhooks spec (<c>webhook-id</c> = the event id, the receiver's idempotency key; <c>webhook-timestamp</c>;
/// <c>webhook-signature</c>), with a Polly pipeline of a 5 s timeout and two quick retries with exponential
/// backoff and jitter. A delivery not acknowledged (2xx) is tried again later by <see cref="DeliveryPolicy"/> — 1 s,
/// 2 s, 4 s … up to 10 min, jittered — and becomes a dead letter after <see cref="DeliveryPolicy.MaxAttempts"/> attempts. Every outcome is
/// written to the outbox, so a restart resumes where the last run stopped: at least once, never lost.
/// </summary>
public sealed class WebhookDispatcher : BackgroundService
{
    private const int BatchSize = 256;
    /// <summary>Deliveries in flight at once, and connections per receiver.</summary>
    public const int Concurrency = 16;
    private static readonly TimeSpan s_idle = TimeSpan.FromMilliseconds(200);

    private readonly WebhookOutbox _outbox;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>Creates a dispatcher for <paramref name="outbox"/>.</summary>
    public WebhookDispatcher(WebhookOutbox outbox, TimeProvider? time = null, HttpMessageHandler? handler = null)
    {
        _outbox = outbox;
        _time = time ?? TimeProvider.System;
        _http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), MaxConnectionsPerServer = Concurrency }, disposeHandler: true);
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = 2,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(100),
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => !r.IsSuccessStatusCode),
            })
            .AddTimeout(TimeSpan.FromSeconds(5))
            .Build();
    }

    /// <summary>Deliveries acknowledged by this dispatcher since it started.</summary>
    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    private long _acknowledged;

    /// <summary>Wakes the dispatcher after events were enqueued.</summary>
    public void Notify() => _wake.Release();

    /// <summary>Writes <paramref name="events"/> to the outbox, with a delivery per interested subscriber, and wakes the dispatcher; returns how many were new.</summary>
    public int Publish(IEnumerable<CloudNative.CloudEvents.CloudEvent> events)
    {
        var added = _outbox.Enqueue(events, _time.GetUtcNow().ToUnixTimeMilliseconds());
        Notify();
        return added;
    }

    /// <summary>Delivers one batch of due deliveries; returns how many were attempted.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var due = _outbox.Due(_time.GetUtcNow().ToUnixTimeMilliseconds(), BatchSize);
        if (due.Count == 0)
        {
            return 0;
        }

        var outcomes = new (PendingDelivery, bool, string?, long)[due.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, due.Count), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (i, token) => outcomes[i] = await AttemptAsync(due[i], token));
        _outbox.Record(outcomes, _time.GetUtcNow().ToUnixTimeMilliseconds());
        return due.Count;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await DeliverDueAsync(stoppingToken) > 0)
                {
                    continue;
                }

                var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
                var wait = _outbox.NextDueMs() is { } next ? TimeSpan.FromMilliseconds(Math.Clamp(next - now, 0, s_idle.TotalMilliseconds)) : s_idle;
                await _wake.WaitAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _http.Dispose();
        _wake.Dispose();
        base.Dispose();
    }

    /// <summary>The headers and body of a delivery, signed now.</summary>
    public static HttpRequestMessage Sign(PendingDelivery delivery, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var payload = Encoding.UTF8.GetString(delivery.Body);
        var signature = new StandardWebhook(delivery.Subscription.Secret).Sign(delivery.EventId, now, payload);
        var request = new HttpRequestMessage(HttpMethod.Post, delivery.Subscription.Url)
        {
            Content = new ByteArrayContent(delivery.Body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/cloudevents+json");
        request.Headers.Add("webhook-id", delivery.EventId);
        request.Headers.Add("webhook-timestamp", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", signature);
        return request;
    }

    private async Task<(PendingDelivery, bool, string?, long)> AttemptAsync(PendingDelivery delivery, CancellationToken cancellationToken)
    {
        string error;
        try
        {
            using var response = await _pipeline.ExecuteAsync(async token =>
            {
                using var request = Sign(delivery, _time.GetUtcNow());
                return await _http.SendAsync(request, token);
            }, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref _acknowledged);
                return (delivery, true, null, 0);
            }

            error = $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            error = e.Message;
        }

        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        return (delivery, false, error, DeliveryPolicy.NextAttemptMs(now, delivery.EventId, delivery.Attempts + 1));
    }
}
