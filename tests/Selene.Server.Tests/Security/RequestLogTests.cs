using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Selene.Server.Tests.Security;

/// <summary>Every request is logged, and no token is, wherever it travelled: header, cookie or the dashboard's address.</summary>
public sealed class RequestLogTests : IAsyncLifetime, IDisposable
{
    private readonly CaptureProvider _log = new();
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _app = SeleneServer.Create(new SeleneServerOptions
        {
            Urls = "http://127.0.0.1:0",
            Tokens = TestTokens.Store,
            Logging = logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(_log),
        });
        await _app.StartAsync();
        var address = _app.Urls.First();
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    public void Dispose()
    {
        _http.Dispose();
        _log.Dispose();
    }

    [Fact]
    public async Task Requests_are_logged_with_method_path_status_and_caller_but_never_a_token()
    {
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/nodes"))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Viewer);
            using var response = await _http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using (var signIn = await _http.GetAsync($"/dashboard/?token={TestTokens.Operator}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/whoami"))
        {
            request.Headers.Add("Cookie", $"selene_token={TestTokens.Reviewer}");
            using var response = await _http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/pods"))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "a-wrong-token-that-is-long");
            using var response = await _http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        await _app.StopAsync();
        var lines = _log.Lines.ToList();
        Assert.Contains(lines, l => l.Contains("GET /api/nodes 200 vera", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("GET /dashboard/ 302 -", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("GET /api/whoami 200 ana", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("GET /api/pods 401 -", StringComparison.Ordinal));
        foreach (var secret in new[] { TestTokens.Viewer, TestTokens.Operator, TestTokens.Reviewer, "a-wrong-token-that-is-long", "token=" })
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
        }
    }

    private sealed class CaptureProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Capture(categoryName, Lines);

        public void Dispose()
        {
        }

        private sealed class Capture(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {exception}");
        }
    }
}
