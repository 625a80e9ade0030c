using Selene.Simulation.Metrics;
using Selene.Simulation.Reporting;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.Tests.Reporting;

public class ReportWriterTests
{
    private static readonly byte[] s_pngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public void A_run_writes_metrics_a_self_contained_report_and_the_plots()
    {
        var scenario = BuiltInScenarios.Load(BuiltInScenarios.Default) with { DurationSeconds = 21_600 };
        var metrics = new ScenarioSimulation(scenario).Run();
        var folder = Path.Combine(Path.GetTempPath(), "selene-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            var files = ReportWriter.Write(metrics, folder).Select(Path.GetFileName).ToList();

            Assert.Equal(["metrics.json", "latency-cdf.png", "utilisation.png", "queue-length.png", "capacity.png", "link.png", "power-shackleton-rim.png", "token-latency.png", "replicas.png", "report.html"], files);
            foreach (var png in files.Where(f => f!.EndsWith(".png", StringComparison.Ordinal)))
            {
                var bytes = File.ReadAllBytes(Path.Combine(folder, png!));
                Assert.Equal(s_pngSignature, bytes[..8]);
                Assert.True(bytes.Length > 10_000, $"{png} is only {bytes.Length} bytes");
            }

            var html = File.ReadAllText(Path.Combine(folder, "report.html"));
            Assert.Equal(8, CountOf(html, "src=\"data:image/png;base64,"));
            Assert.True(html.IndexOf("<h2>Goodput</h2>", StringComparison.Ordinal) is > 0 and var goodput && goodput < html.IndexOf("<h2>Accounting</h2>", StringComparison.Ordinal), "the report leads with goodput");
            Assert.Contains("<h2>Power at shackleton-rim</h2>", html, StringComparison.Ordinal);
            Assert.DoesNotContain("src=\"http", html, StringComparison.Ordinal);
            Assert.All(metrics.Tenants, t => Assert.Contains($"<td>{t.Name}</td>", html, StringComparison.Ordinal));

            var back = MetricsJson.Deserialize(File.ReadAllText(Path.Combine(folder, "metrics.json")));
            Assert.NotNull(back);
            Assert.Equal(MetricsDocument.SchemaId, back.Schema);
            Assert.Equal(metrics.Accounting, back.Accounting);
            Assert.Equal(metrics.Tenants[0].Goodput, back.Tenants[0].Goodput);
            Assert.Equal(metrics.Tenants[0].Serving!.TtftSeconds, back.Tenants[0].Serving!.TtftSeconds);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_run_with_webhook_subscribers_reports_their_deliveries()
    {
        var metrics = new ScenarioSimulation(BuiltInScenarios.Load("chaos") with { DurationSeconds = 2 * 86_400 }).Run();
        var folder = Path.Combine(Path.GetTempPath(), "selene-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            ReportWriter.Write(metrics, folder);

            var html = File.ReadAllText(Path.Combine(folder, "report.html"));
            Assert.Contains("<h2>Webhooks</h2>", html, StringComparison.Ordinal);
            foreach (var subscriber in metrics.Webhooks!.Subscribers)
            {
                Assert.Contains($"<tr><td>{subscriber.Name}</td><td>{subscriber.Filter}</td>", html, StringComparison.Ordinal);
            }

            var back = MetricsJson.Deserialize(File.ReadAllText(Path.Combine(folder, "metrics.json")))!;
            Assert.Equal(metrics.Webhooks.Subscribers.Select(s => (s.Name, s.Events, s.Delivered, s.Retries, s.DeadLetters)),
                back.Webhooks!.Subscribers.Select(s => (s.Name, s.Events, s.Delivered, s.Retries, s.DeadLetters)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int CountOf(string text, string fragment)
    {
        var count = 0;
        for (var i = text.IndexOf(fragment, StringComparison.Ordinal); i >= 0; i = text.IndexOf(fragment, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
