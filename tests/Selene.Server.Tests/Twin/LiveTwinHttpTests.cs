using System.Text;
using System.Text.Json;
using Selene.Simulation.Scenarios;
using Selene.Testing;

namespace Selene.Server.Tests.Twin;

/// <summary>The live twin's faults reaching the feed and webhook subscribers, and a twin reaching its scenario's end.</summary>
public sealed class LiveTwinHttpTests
{
    [Fact]
    public async Task The_twin_s_faults_join_the_feed_and_go_to_webhook_subscribers_as_cloud_events()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var chaos = BuiltInScenarios.Load("chaos");
        await using var service = await TestService.StartAsync(folder => new SeleneServerOptions
        {
            WebhookDatabase = Path.Combine(folder, "webhooks.db"),
            AllowPrivateWebhookTargets = true,
            Twin = chaos,
            TwinSpeed = 86_400,
        });
        using var http = service.Client();
        using (var subscribed = await http.PostAsync("/webhooks/subscriptions", new StringContent("""{"url":"RECEIVER"}""".Replace("RECEIVER", receiver.Url.ToString(), StringComparison.Ordinal), Encoding.UTF8, "application/json")))
        {
            receiver.Secret = JsonDocument.Parse(await subscribed.Content.ReadAsStringAsync()).RootElement.GetProperty("secret").GetString()!;
        }

        List<JsonElement> faults = [];
        await Until(async () =>
        {
            faults = JsonDocument.Parse(await http.GetStringAsync("/api/faults?limit=1000")).RootElement.EnumerateArray().Select(f => f.Clone()).ToList();
            return faults.Count(f => f.GetProperty("source").GetString() == "twin") >= 3;
        });

        var first = faults.First(f => f.GetProperty("source").GetString() == "twin");
        Assert.Equal(1, first.GetProperty("id").GetInt64());
        Assert.Contains(first.GetProperty("type").GetString(), Selene.Simulation.Faults.CosmicEvent.Types);
        Assert.True(first.GetProperty("time").GetDateTimeOffset() >= chaos.Epoch);
        // The twin's first fault goes out with the id the simulation gives it: scenario, seed and sequence.
        var id = $"chaos-{chaos.Seed}-1";
        await Until(() => Task.FromResult(receiver.Received.ContainsKey(id)));
        Assert.Equal(0, receiver.BadSignatures);
        Assert.True(Gauge(await http.GetStringAsync("/metrics"), "selene_faults_heard") >= 3);
    }

    [Fact]
    public async Task A_twin_that_reaches_its_scenario_s_end_stops_there_and_ends_its_stream()
    {
        var hour = BuiltInScenarios.Load(BuiltInScenarios.Default) with { DurationSeconds = 3600 };
        await using var service = await TestService.StartAsync(_ => new SeleneServerOptions { Twin = hour, TwinSpeed = 36_000 });
        using var http = service.Client();

        await Until(async () => JsonDocument.Parse(await http.GetStringAsync("/api/scenarios")).RootElement.GetProperty("running").GetProperty("finished").GetBoolean());
        var state = JsonDocument.Parse(await http.GetStringAsync("/api/twin")).RootElement;
        Assert.Equal(3600, state.GetProperty("seconds").GetDouble());

        // A watcher that comes after the end gets the last state and then the end of the stream.
        using var response = await http.GetAsync("/api/twin/stream");
        var events = (await response.Content.ReadAsStringAsync()).Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3600, JsonDocument.Parse(events.Single()["data: ".Length..]).RootElement.GetProperty("seconds").GetDouble());
    }

    private static async Task Until(Func<Task<bool>> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "not within 60 s");
            await Task.Delay(100);
        }
    }

    private static double Gauge(string metrics, string series) =>
        double.Parse(metrics.Split('\n').Single(l => l.StartsWith(series + " ", StringComparison.Ordinal))[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
}
