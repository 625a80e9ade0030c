using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using HdrHistogram;
using Selene.Server;
using Selene.Server.Security;
using Selene.Simulation.Scenarios;

namespace Selene.Testing;

/// <summary>What a load run measured: latency from when each request was due, in milliseconds.</summary>
internal sealed record ApiLoadResult(int PerSecond, int Seconds, long Sent, double AchievedPerSecond, long Errors, double P50Ms, double P99Ms, double P999Ms, double MaxMs, double GcPauseMs, int Gen2Collections)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"api-load rate={PerSecond}/s seconds={Seconds} sent={Sent} achieved_per_second={AchievedPerSecond:0} errors={Errors} p50_ms={P50Ms:0.00} p99_ms={P99Ms:0.00} p999_ms={P999Ms:0.00} max_ms={MaxMs:0.00} gc_pause_ms={GcPauseMs:0} gen2={Gen2Collections}");
}

/// <summary>
/// The service under a steady load on loopback, with every part running: a live twin of the built-in scenario, the
/// webhook outbox, moderation and review. Requests go out on a fixed schedule (open loop, so a slow reply does not
/// hold the next one back), a mix of reads (nodes, the twin's state, faults, the review backlog, webhook
/// subscriptions, audit records) and extender filter calls, each with its bearer token; latency counts from the
/// moment each was due, so waiting to be sent counts. It stops by itself after the given time.
/// </summary>
internal static class ApiLoad
{
    public static async Task<ApiLoadResult> RunAsync(int perSecond, int seconds)
    {
        var folder = Directory.CreateTempSubdirectory("selene-load-").FullName;
        const string token = "load-operator-token-0123456789";
        await using var app = SeleneServer.Create(new SeleneServerOptions
        {
            Urls = "http://127.0.0.1:0",
            WebhookDatabase = Path.Combine(folder, "webhooks.db"),
            AllowPrivateWebhookTargets = true,
            ModerationAuditDatabase = Path.Combine(folder, "audit.db"),
            ModerationQuarantine = Path.Combine(folder, "q"),
            Tokens = TokenStore.Of([(token, "load", Role.Operator)]),
            Twin = BuiltInScenarios.Load(BuiltInScenarios.Default),
            TwinSpeed = 60,
        });
        await app.StartAsync();
        var address = new Uri(app.Urls.First());
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { BaseAddress = address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        const string filter = """{"Pod":{"metadata":{"name":"chat-0","annotations":{"selene.io/latency-budget-ms":"2000"}}},"NodeNames":["ash-gpu-01","lunar-gpu-01"]}""";
        Func<Task<HttpResponseMessage>>[] requests =
        [
            () => http.GetAsync("/api/nodes"),
            () => http.GetAsync("/api/twin"),
            () => http.GetAsync("/api/faults"),
            () => http.GetAsync("/review"),
            () => http.GetAsync("/webhooks/subscriptions"),
            () => http.GetAsync("/audit/records?item=none"),
            () => http.PostAsync("/scheduler/filter", new StringContent(filter, System.Text.Encoding.UTF8, "application/json")),
        ];

        // Warm-up: a second at the same rate, not counted.
        await Drive(requests, perSecond, 1, new LongHistogram(60_000_000, 3));
        var histogram = new LongHistogram(60_000_000, 3);
        var pausedBefore = GC.GetTotalPauseDuration();
        var gen2Before = GC.CollectionCount(2);
        var clock = Stopwatch.StartNew();
        var (sent, errors) = await Drive(requests, perSecond, seconds, histogram);
        var elapsed = clock.Elapsed.TotalSeconds;
        var paused = (GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds;
        var gen2 = GC.CollectionCount(2) - gen2Before;
        await app.StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        double Ms(double percentile) => histogram.GetValueAtPercentile(percentile) / 1000.0;
        return new ApiLoadResult(perSecond, seconds, sent, sent / elapsed, errors, Ms(50), Ms(99), Ms(99.9), histogram.GetMaxValue() / 1000.0, paused, gen2);
    }

    // Sends request k at start + k / rate (on whichever of the mix is next), records each latency from when it was
    // due in microseconds, and waits for every reply.
    private static async Task<(long Sent, long Errors)> Drive(Func<Task<HttpResponseMessage>>[] requests, int perSecond, int seconds, LongHistogram histogram)
    {
        var total = (long)perSecond * seconds;
        var errors = 0L;
        var pending = new List<Task>((int)total);
        var start = Stopwatch.GetTimestamp();
        var gate = new Lock();
        for (var k = 0L; k < total; k++)
        {
            var due = start + (long)(k * (double)Stopwatch.Frequency / perSecond);
            while (Stopwatch.GetTimestamp() < due - (Stopwatch.Frequency / 1000))
            {
                await Task.Delay(1);
            }

            var send = requests[k % requests.Length];
            pending.Add(Task.Run(async () =>
            {
                try
                {
                    using var response = await send();
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }

                var latency = Stopwatch.GetTimestamp() - due;
                lock (gate)
                {
                    histogram.RecordValue(Math.Max(0, latency * 1_000_000 / Stopwatch.Frequency));
                }
            }));
        }

        await Task.WhenAll(pending);
        return (total, errors);
    }
}
