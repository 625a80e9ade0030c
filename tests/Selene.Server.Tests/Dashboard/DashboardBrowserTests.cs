using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Selene.Server.Tests.Security;
using Selene.Simulation.Scenarios;

namespace Selene.Server.Tests.Dashboard;

/// <summary>
/// The dashboard in a real browser: Debian's Chromium, headless, driven by Playwright, against the service running a
/// live twin of the built-in scenario with a review backlog.
/// </summary>
public sealed class DashboardBrowserTests : IAsyncLifetime
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private static readonly float s_wait = 30_000;

    private TestService _service = null!;
    private string _address = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _service = await TestService.StartAsync(folder => new SeleneServerOptions
        {
            ModerationAuditDatabase = Path.Combine(folder, "audit.db"),
            ModerationQuarantine = Path.Combine(folder, "q"),
            Twin = BuiltInScenarios.Load(BuiltInScenarios.Default),
            TwinSpeed = 600,
        });
        _address = _service.Address.ToString().TrimEnd('/');
        Assert.True(File.Exists(ChromiumPath), $"the browser tests drive Debian's Chromium at {ChromiumPath} (apt-get install chromium)");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await _service.DisposeAsync();
    }

    [Fact]
    public async Task A_viewer_signs_in_with_a_token_and_sees_the_lunar_node_its_taint_the_link_power_and_faults_but_cannot_decide()
    {
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{_address}/dashboard/?token={TestTokens.Viewer}");

        // The token went into a cookie and out of the address.
        Assert.Equal($"{_address}/dashboard/", page.Url);
        var lunar = page.Locator("tr[data-node='lunar-gpu-01']");
        await lunar.WaitForAsync(new() { Timeout = s_wait });
        await Assertions.Expect(lunar.Locator(".taint", new() { HasText = "latency=high:NoSchedule" })).ToBeVisibleAsync(new() { Timeout = s_wait });
        await Assertions.Expect(lunar).ToContainTextAsync("shackleton-rim", new() { Timeout = s_wait });
        await Assertions.Expect(page.Locator("#user")).ToHaveTextAsync("vera (viewer)");
        await Assertions.Expect(page.Locator("#view [data-link='shackleton-rim']")).ToHaveCountAsync(1, new() { Timeout = s_wait });
        await Assertions.Expect(page.Locator("#site-rows tr[data-site='shackleton-rim']")).ToContainTextAsync(" s", new() { Timeout = s_wait });
        await Assertions.Expect(page.Locator("#power-chart [data-series='soc-shackleton-rim']")).ToHaveCountAsync(1, new() { Timeout = s_wait });
        // The chart says what its axes are: days along the bottom, the solar power's kilowatts on the right.
        await Assertions.Expect(page.Locator("#power-chart [data-axis='days']")).ToHaveCountAsync(5, new() { Timeout = s_wait });
        await Assertions.Expect(page.Locator("#power-chart [data-axis='kW']")).ToHaveCountAsync(3, new() { Timeout = s_wait });
        await Assertions.Expect(page.Locator("#power-now")).ToContainTextAsync("% charged", new() { Timeout = s_wait });

        // A fault an operator reports reaches the feed, and its taint the node's row.
        using (var http = Client(TestTokens.Operator))
        using (var reported = await http.PostAsync("/api/faults", new StringContent("""{"node":"ash-gpu-01","type":"upset-gpu-hang"}""", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(System.Net.HttpStatusCode.Created, reported.StatusCode);
        }

        await Assertions.Expect(page.Locator("#fault-feed li", new() { HasText = "upset-gpu-hang on ash-gpu-01 (error, operator)" })).ToHaveCountAsync(1, new() { Timeout = s_wait });
        await Assertions.Expect(page.Locator("tr[data-node='ash-gpu-01'] .taint.cosmic")).ToHaveTextAsync("selene.io/cosmic-event=upset-gpu-hang:NoSchedule", new() { Timeout = s_wait });

        await Upload("gen-viewer.png");
        var approve = page.Locator("tr[data-item='gen-viewer.png'] button.approve");
        await approve.WaitForAsync(new() { Timeout = s_wait });
        await Assertions.Expect(approve).ToBeDisabledAsync();
    }

    [Fact]
    public async Task A_reviewer_approves_an_item_on_the_dashboard_and_its_audit_record_is_found_through_the_API()
    {
        await Upload("gen-review.png");
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{_address}/dashboard/?token={TestTokens.Reviewer}");

        var row = page.Locator("tr[data-item='gen-review.png']");
        await row.Locator("button.approve").ClickAsync(new() { Timeout = s_wait });
        await Assertions.Expect(page.Locator("#review-status")).ToContainTextAsync("gen-review.png: approved by ana", new() { Timeout = s_wait });
        await Assertions.Expect(row).ToHaveCountAsync(0, new() { Timeout = s_wait });

        using var http = Client(TestTokens.Viewer);
        var records = await http.GetFromJsonAsync<JsonElement>("/audit/records?item=gen-review.png");
        var decision = records.EnumerateArray().Last();
        Assert.Equal(("allow", false), (decision.GetProperty("action").GetString(), decision.GetProperty("automated").GetBoolean()));
        Assert.Contains("\"reviewer\":\"ana\"", decision.GetProperty("reasons").GetString(), StringComparison.Ordinal);
        var shown = await page.Locator("#review-status").TextContentAsync();
        Assert.EndsWith($"audit record {decision.GetProperty("sequence").GetInt64()}", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_token_the_dashboard_is_refused_and_a_page_elsewhere_cannot_make_changes_with_its_cookie()
    {
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var refused = await page.GotoAsync($"{_address}/dashboard/?token=not-a-token-at-all-0000");
        Assert.Equal(401, refused!.Status);

        // Signed in, a change sent with only the cookie (what a forged form could do) is refused.
        await page.GotoAsync($"{_address}/dashboard/?token={TestTokens.Admin}");
        var status = await page.EvaluateAsync<int>("async () => (await fetch('/api/faults', { method: 'POST', body: '{\"node\":\"ash-gpu-01\",\"type\":\"upset-gpu-hang\"}' })).status");
        Assert.Equal(401, status);
    }

    private async Task Upload(string name)
    {
        using var http = Client(TestTokens.Operator);
        var image = await File.ReadAllBytesAsync(Path.Combine(Selene.Testing.RepositoryPaths.PdqReference, "generated", "gen-gradient-512x512.png"));
        using var response = await http.PostAsync($"/moderation/items?name={name}", new ByteArrayContent(image));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("review", body.GetProperty("action").GetString());
    }

    private HttpClient Client(string token) => _service.Client(token);
}
