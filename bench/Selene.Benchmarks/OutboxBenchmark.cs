using System.Diagnostics;
using System.Globalization;
using CloudNative.CloudEvents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Selene.Server.Webhooks;
using StandardWebhooks;

namespace Selene.Benchmarks;

/// <summary>
/// Events persisted to the SQLite outbox and delivered, signed, to a receiver on loopback that verifies every
/// signature: end to end, from the first event written to the last acknowledged.
/// </summary>
public static class OutboxBenchmark
{
    /// <summary>Runs the benchmark with <paramref name="count"/> events and prints one line.</summary>
    public static async Task<int> RunAsync(int count)
    {
        var database = Path.Combine(Path.GetTempPath(), $"selene-outbox-bench-{Guid.NewGuid():n}.db");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var receiver = builder.Build();
        var verified = 0;
        string secret = "";
        receiver.MapPost("/hook", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            new StandardWebhook(secret).Verify(await reader.ReadToEndAsync(), context.Request.Headers);
            Interlocked.Increment(ref verified);
            return Results.NoContent();
        });
        await receiver.StartAsync();
        var url = new Uri(new Uri(receiver.Urls.First()), "/hook");
        try
        {
            using var outbox = new WebhookOutbox(database);
            secret = outbox.Subscribe(url, "*").Secret;
            using var dispatcher = new WebhookDispatcher(outbox);
            var clock = Stopwatch.StartNew();
            for (var batch = 0; batch < count; batch += 500)
            {
                outbox.Enqueue(Enumerable.Range(batch, Math.Min(500, count - batch)).Select(i => new CloudEvent
                {
                    Id = string.Create(CultureInfo.InvariantCulture, $"event-{i:D7}"),
                    Source = new Uri("urn:selene:bench"),
                    Type = "io.selene.cosmic-event.seu",
                    DataContentType = "application/json",
                    Data = new { node = "lunar-gpu-01", outcome = "corrected" },
                }), 0);
            }

            var persisted = clock.Elapsed.TotalSeconds;
            while (outbox.Counts().Pending > 0)
            {
                await dispatcher.DeliverDueAsync(CancellationToken.None);
            }

            var seconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"outbox events={count} verified={verified} persist_seconds={persisted:0.000} total_seconds={seconds:0.000} events_per_second={count / seconds:0} persisted_per_second={count / persisted:0}"));
            return verified == count ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { database, database + "-wal", database + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
