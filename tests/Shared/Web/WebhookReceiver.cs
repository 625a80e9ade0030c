using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace Selene.Testing;

/// <summary>A webhook receiver on loopback that checks every signature and counts deliveries per event id.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>Deliveries per webhook-id, valid signatures only.</summary>
    public ConcurrentDictionary<string, int> Received { get; } = new(StringComparer.Ordinal);

    /// <summary>Deliveries whose signature did not verify.</summary>
    public int BadSignatures => _badSignatures;

    private int _badSignatures;

    /// <summary>How long each delivery is held before it is answered.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>While true, every delivery is answered 500.</summary>
    public bool Failing { get; set; }

    /// <summary>The secret deliveries must be signed with; set once the subscription exists.</summary>
    public string Secret { get; set; } = "";

    public Uri Url { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpContext context) =>
        {
            if (receiver.Delay > TimeSpan.Zero)
            {
                await Task.Delay(receiver.Delay);
            }

            if (receiver.Failing)
            {
                return Results.StatusCode(500);
            }

            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var payload = await reader.ReadToEndAsync();
            try
            {
                new StandardWebhook(receiver.Secret).Verify(payload, context.Request.Headers);
            }
            catch (WebhookVerificationException)
            {
                Interlocked.Increment(ref receiver._badSignatures);
                return Results.StatusCode(401);
            }

            receiver.Received.AddOrUpdate(context.Request.Headers["webhook-id"].ToString(), 1, (_, n) => n + 1);
            return Results.NoContent();
        });
        await app.StartAsync();
        var address = app.Urls.First();
        receiver.Url = new Uri(new Uri(address), "/hook");
        return receiver;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
