using System.Diagnostics;
using CloudNative.CloudEvents;
using Selene.Server.Webhooks;
using Selene.Testing;

namespace Selene.Cli.Tests;

/// <summary>The outbox against a real crash: <c>selene serve</c> killed with SIGKILL mid-delivery, then restarted.</summary>
public sealed class WebhookDurabilityTests : IDisposable
{
    private const int Events = 1500;
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"selene-durability-{Guid.NewGuid():n}.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Every_event_arrives_at_least_once_with_a_valid_signature_across_a_SIGKILL_and_restart()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Delay = TimeSpan.FromMilliseconds(5);
        using (var outbox = new WebhookOutbox(_database))
        {
            receiver.Secret = outbox.Subscribe(receiver.Url, "*").Secret;
            outbox.Enqueue(Enumerable.Range(0, Events).Select(i => new CloudEvent
            {
                Id = $"seu-{i:D5}",
                Source = new Uri("urn:selene:test"),
                Type = "io.selene.cosmic-event.seu",
                DataContentType = "application/json",
                Data = new { node = $"lunar-gpu-{i % 8:D2}" },
            }), 0);
        }

        var first = Serve();
        try
        {
            await Until(() => receiver.Received.Count >= Events / 5, TimeSpan.FromSeconds(60));
        }
        finally
        {
            first.Kill(); // SIGKILL on Linux: no shutdown code runs.
            await first.WaitForExitAsync();
            first.Dispose();
        }

        var beforeRestart = receiver.Received.Count;
        Assert.InRange(beforeRestart, Events / 5, Events - 1);

        using var second = Serve();
        try
        {
            await Until(() => receiver.Received.Count == Events, TimeSpan.FromSeconds(60));
        }
        finally
        {
            second.Kill();
            await second.WaitForExitAsync();
        }

        Assert.Equal(Events, receiver.Received.Count);
        Assert.All(Enumerable.Range(0, Events), i => Assert.True(receiver.Received.ContainsKey($"seu-{i:D5}")));
        Assert.Equal(0, receiver.BadSignatures);
    }

    private Process Serve()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "selene.dll"), "serve", "--urls", "http://127.0.0.1:0", "--webhook-db", _database, "--allow-private-webhooks" })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task Until(Func<bool> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < limit)
        {
            await Task.Delay(20);
        }
    }
}
