using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using HdrHistogram;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Selene.Cluster.Manifests;
using Selene.Cluster.Scheduling;
using Selene.Server;
using Selene.Server.Security;

namespace Selene.Benchmarks;

/// <summary>
/// The service under a steady load on loopback: requests sent on a fixed schedule (open loop, so a slow reply does
/// not hold the next one back), a mix of reads (review backlog, webhook subscriptions, audit records) and
/// extender filter calls, each with its bearer token; latency from the moment each was due, so waiting to be sent
/// counts. It stops by itself after the given time.
/// </summary>
public static class ApiLoadBenchmark
{
    public static async Task<string> RunAsync(int perSecond, int seconds)
    {
        var folder = Directory.CreateTempSubdirectory("selene-load-").FullName;
        const string token = "load-operator-token-0123456789";
        var cluster = new ClusterScheduler();
        cluster.Load(ManifestLoader.LoadPaths([Path.Combine(RepositoryRoot(), "examples", "manifests")]));
        await using var app = SeleneServer.Create(new SeleneServerOptions
        {
            Urls = "http://127.0.0.1:0",
            Cluster = cluster,
            WebhookDatabase = Path.Combine(folder, "webhooks.db"),
            ModerationAuditDatabase = Path.Combine(folder, "audit.db"),
            ModerationQuarantine = Path.Combine(folder, "q"),
            Tokens = TokenStore.Of([(token, "load", Role.Operator)]),
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { BaseAddress = address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        const string filter = """{"Pod":{"metadata":{"name":"chat-0","annotations":{"selene.io/latency-budget-ms":"2000"}}},"NodeNames":["ash-gpu-01","lunar-gpu-01"]}""";
        Func<Task<HttpResponseMessage>>[] requests =
        [
            () => http.GetAsync("/review"),
            () => http.GetAsync("/webhooks/subscriptions"),
            () => http.GetAsync("/audit/records?item=none"),
            () => http.PostAsync("/scheduler/filter", new StringContent(filter, System.Text.Encoding.UTF8, "application/json")),
        ];

        // Warm-up: a second at the same rate, not counted.
        await Drive(requests, perSecond, 1, new LongHistogram(60_000_000, 3));
        var histogram = new LongHistogram(60_000_000, 3);
        var clock = Stopwatch.StartNew();
        var (sent, errors) = await Drive(requests, perSecond, seconds, histogram);
        var elapsed = clock.Elapsed.TotalSeconds;
        await app.StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        double Ms(double percentile) => histogram.GetValueAtPercentile(percentile) / 1000.0;
        return string.Create(CultureInfo.InvariantCulture,
            $"api-load rate={perSecond}/s seconds={seconds} sent={sent} achieved_per_second={sent / elapsed:0} errors={errors} p50_ms={Ms(50):0.00} p99_ms={Ms(99):0.00} p999_ms={Ms(99.9):0.00} max_ms={histogram.GetMaxValue() / 1000.0:0.00}");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Selene.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Selene.sln not found above " + AppContext.BaseDirectory);
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
