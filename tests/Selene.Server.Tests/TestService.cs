using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Selene.Server.Tests.Security;

namespace Selene.Server.Tests;

/// <summary>
/// A Selene service started for a test: on a free loopback port, accepting <see cref="TestTokens"/> unless told
/// otherwise, with a folder of its own for its files. Disposing it stops the service and removes the folder.
/// </summary>
internal sealed class TestService : IAsyncDisposable
{
    private TestService(string folder, WebApplication app)
    {
        Folder = folder;
        App = app;
    }

    /// <summary>The service's folder.</summary>
    public string Folder { get; }

    /// <summary>The running service.</summary>
    public WebApplication App { get; }

    /// <summary>Where it listens.</summary>
    public Uri Address => new(App.Urls.First());

    /// <summary>Starts the service <paramref name="configure"/> describes, given its folder.</summary>
    public static async Task<TestService> StartAsync(Func<string, SeleneServerOptions> configure)
    {
        var folder = Directory.CreateTempSubdirectory("selene-service-").FullName;
        var options = configure(folder);
        var app = SeleneServer.Create(options with { Urls = "http://127.0.0.1:0", Tokens = options.Tokens ?? TestTokens.Store });
        await app.StartAsync();
        return new TestService(folder, app);
    }

    /// <summary>
    /// A service with every part running, in <paramref name="folder"/>: a live twin of the built-in scenario, the webhook
    /// outbox with inbound detections, moderation and review.
    /// </summary>
    public static SeleneServerOptions EveryPart(string folder) => new()
    {
        Twin = Selene.Simulation.Scenarios.BuiltInScenarios.Load(Selene.Simulation.Scenarios.BuiltInScenarios.Default),
        TwinSpeed = 600,
        WebhookDatabase = Path.Combine(folder, "webhooks.db"),
        ModerationAuditDatabase = Path.Combine(folder, "audit.db"),
        ModerationQuarantine = Path.Combine(folder, "q"),
        InboundSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    };

    /// <summary>A client of the service sending <paramref name="token"/> (none when null).</summary>
    public HttpClient Client(string? token = TestTokens.Admin, HttpMessageHandler? handler = null)
    {
        var http = new HttpClient(handler ?? new HttpClientHandler()) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
