using Selene.Core.Errors;
using Selene.Simulation.Metrics;
using Selene.Simulation.Randomness;
using Selene.Simulation.Scenarios;
using Selene.Testing;

namespace Selene.Simulation.Tests.Faults;

public class FaultScenarioTests
{
    private static Scenario Parse(string faults)
    {
        var yaml = File.ReadAllText(RepositoryPaths.Of("examples/earth-moon.yaml")) + "\n" + faults;
        return ScenarioLoader.Parse(yaml, "faulty.yaml", relative =>
        {
            var path = RepositoryPaths.Of(Path.Combine("examples", relative));
            return File.Exists(path) ? (File.ReadAllText(path), relative) : null;
        });
    }

    private static int FirstFaultLine => File.ReadAllLines(RepositoryPaths.Of("examples/earth-moon.yaml")).Length + 2;

    [Fact]
    public void A_faults_section_overrides_the_defaults_and_keeps_the_rest()
    {
        var scenario = Parse("""
            faults:
              upsets:
                perGpuDay: {moon: 0.5}
                rebootTime: 5m
              micrometeoroids:
                exposedAreaM2: 10
            """);
        var faults = scenario.Faults!;
        Assert.Equal(0.5, faults.UpsetsPerGpuDay[SiteLocation.Moon]);
        Assert.Equal(FaultSpec.Default.UpsetsPerGpuDay[SiteLocation.Orbit], faults.UpsetsPerGpuDay[SiteLocation.Orbit]);
        Assert.Equal(300, faults.RebootSeconds);
        Assert.Equal(10, faults.ExposedAreaSquareMetres);
        Assert.Equal(FaultSpec.Default.Impacts, faults.Impacts);
        Assert.Null(BuiltInScenarios.Load(BuiltInScenarios.Default).Faults);
    }

    [Fact]
    public void The_chaos_scenario_extends_the_built_in_one_with_faults_only()
    {
        var chaos = BuiltInScenarios.Load("chaos");
        var builtIn = BuiltInScenarios.Load(BuiltInScenarios.Default);

        Assert.Equal(("chaos", 365 * 86_400.0), (chaos.Name, chaos.DurationSeconds));
        Assert.Equal(builtIn.Tenants.Select(t => t.Name), chaos.Tenants.Select(t => t.Name));
        Assert.Equal(builtIn.Nodes.Select(n => n.Node.Name), chaos.Nodes.Select(n => n.Node.Name));
        Assert.Equal(new OutageSpec(1, 20 * 60), chaos.Faults!.LinkOutages);
        Assert.Equal(builtIn.Tenants.Select(t => t.Serving!.Replicas), chaos.Tenants.Select(t => t.Serving!.Replicas));
    }

    [Fact]
    public void An_extending_scenario_that_names_no_built_in_one_or_sets_what_it_cannot_is_reported_with_the_line()
    {
        static InputException Error(string yaml) =>
            Assert.Throws<InputException>(() => ScenarioLoader.Parse(yaml, "mine.yaml", _ => null));

        var unknown = Error("extends: mars-base\nduration: 1d\n");
        Assert.Contains(unknown.Errors, e => e.Field == "extends" && e.Line == 1 && e.Message.Contains("earth-moon", StringComparison.Ordinal));

        var sites = Error("extends: earth-moon\nduration: 2d\nsites: []\n");
        Assert.Contains(sites.Errors, e => e.Field == "sites" && e.Line == 3 && e.File == "mine.yaml");

        var faults = Error("extends: earth-moon\nfaults:\n  linkOutages: {perDay: -1}\n");
        Assert.Contains(faults.Errors, e => e.Field == "faults.linkOutages.perDay" && e.Line == 3);
    }

    [Fact]
    public void Webhook_subscribers_are_read_with_their_defaults()
    {
        var scenario = ScenarioLoader.Parse("extends: earth-moon\nwebhooks:\n  - {name: pager, filter: 'io.selene.cosmic-event.upset-*', outages: {perDay: 1, meanDuration: 30m}}\n  - {name: all, latency: 1s}\n", "hooks.yaml", _ => null);
        Assert.Equal(
            [new WebhookSubscriberSpec("pager", "io.selene.cosmic-event.upset-*", new OutageSpec(1, 1800), 0.2), new WebhookSubscriberSpec("all", "*", new OutageSpec(0, 0), 1)],
            scenario.Webhooks);
    }

    public static TheoryData<string, string, int, string> BadSections => new()
    {
        { "a negative rate", "faults:\n  upsets:\n    perGpuDay: {moon: -1}\n", 2, "faults.upsets.perGpuDay.moon" },
        { "an unknown outcome", "faults:\n  upsets:\n    outcomes: {corrected: 0.5, melted: 0.5}\n", 2, "faults.upsets.outcomes.melted" },
        { "shares that do not sum to 1", "faults:\n  upsets:\n    outcomes: {corrected: 0.5, gpuHang: 0.4}\n", 2, "faults.upsets.outcomes" },
        { "an unknown storm location", "faults:\n  solarStorms:\n    locations: [mars]\n", 2, "faults.solarStorms.locations" },
        { "an unknown damage", "faults:\n  micrometeoroids:\n    sizes:\n      1mm: {perM2PerYear: 0.001, damage: vaporised}\n", 3, "faults.micrometeoroids.sizes.1mm.damage" },
        { "an unknown key", "faults:\n  asteroids: {}\n", 1, "faults.asteroids" },
        { "a negative outage rate", "faults:\n  linkOutages: {perDay: -0.5}\n", 1, "faults.linkOutages.perDay" },
        { "a negative quarantine", "faults:\n  quarantine: -5m\n", 1, "faults.quarantine" },
        { "a star inside the filter", "webhooks:\n  - {name: a, filter: 'io.*.x'}\n", 1, "webhooks[0].filter" },
        { "an empty filter", "webhooks:\n  - {name: a, filter: ''}\n", 1, "webhooks[0].filter" },
        { "a negative outage rate", "webhooks:\n  - name: a\n    outages: {perDay: -1, meanDuration: 1h}\n", 2, "webhooks[0].outages.perDay" },
        { "outages with no length", "webhooks:\n  - name: a\n    outages: {perDay: 2}\n", 2, "webhooks[0].outages.meanDuration" },
        { "a negative latency", "webhooks:\n  - {name: a, latency: -1s}\n", 1, "webhooks[0].latency" },
        { "no name", "webhooks:\n  - {filter: '*'}\n", 1, "webhooks[0].name" },
        { "a name used twice", "webhooks:\n  - {name: a}\n  - {name: a}\n", 1, "webhooks" },
        { "an unknown key", "webhooks:\n  - {name: a, retries: 3}\n", 1, "webhooks[0].retries" },
    };

    [Theory]
    [MemberData(nameof(BadSections))]
    public void Bad_fault_and_webhook_sections_are_reported_with_the_line(string because, string section, int lineInSection, string field)
    {
        var error = Assert.Throws<InputException>(() => Parse(section));
        Assert.True(error.Errors.Any(e => e.Field == field && e.Line == FirstFaultLine + lineInSection && e.File == "faulty.yaml"),
            $"{because}: {string.Join("; ", error.Errors)}");
    }
}

public class WorkloadScenarioTests
{
    private static Scenario Parse(string section)
    {
        var yaml = File.ReadAllText(RepositoryPaths.Of("examples/earth-moon.yaml")) + "\n" + section;
        return ScenarioLoader.Parse(yaml, "workloads.yaml", relative =>
        {
            var path = RepositoryPaths.Of(Path.Combine("examples", relative));
            return File.Exists(path) ? (File.ReadAllText(path), relative) : null;
        });
    }

    [Fact]
    public void A_workloads_section_is_refused_with_the_line_and_what_replaced_it()
    {
        var error = Assert.Throws<InputException>(() => Parse("workloads:\n  - {name: kv, kind: statefulSet, namespace: imagine, replicas: 3, gpus: 0}\n"));
        var line = (File.ReadAllText(RepositoryPaths.Of("examples/earth-moon.yaml")) + "\n").Count(c => c == '\n') + 1;
        var diagnostic = Assert.Single(error.Errors);
        Assert.Equal(("workloads", line, "workloads.yaml"), (diagnostic.Field, diagnostic.Line, diagnostic.File));
        Assert.Contains("serving", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("replicas: {min, max, initial}", diagnostic.Message, StringComparison.Ordinal);

        var extension = Assert.Throws<InputException>(() => ScenarioLoader.Parse("extends: earth-moon\nworkloads: []\n", "mine.yaml", _ => null));
        Assert.Contains(extension.Errors, e => e.Field == "workloads" && e.Line == 2);
    }
}

public class ChaosTests
{
    [Fact]
    public void A_chaos_fortnight_keeps_every_request_accounted_for_and_the_workloads_back_after_every_fault()
    {
        static MetricsDocument Run() => new ScenarioSimulation(BuiltInScenarios.Load("chaos") with { DurationSeconds = 14 * 86_400 }).Run();
        var metrics = Run();
        var plane = metrics.ControlPlane!;

        // About 10,000 faults a year: a fortnight brings a couple of hundred, every kind but the rarest.
        Assert.InRange(metrics.Faults.Total, 150, 600);
        Assert.True(metrics.Faults.ByType.ContainsKey("link-outage") && metrics.Faults.ByType.ContainsKey("upset-detected-corruption"));
        Assert.True(metrics.Accounting.Balanced);
        Assert.All(metrics.Tenants, t => Assert.Equal(t.Arrived, t.Served + t.Failed.Values.Sum() + t.Shed.Values.Sum() + t.InFlight.Total));
        Assert.True(plane.CosmicTaints > 0);
        // Every fault was followed by every workload back at its replicas, and no identity ever ran twice.
        Assert.Equal(metrics.Faults.Total, plane.FaultsRecovered + plane.FaultsUnrecoveredAtEnd);
        Assert.Equal(0, plane.FaultsUnrecoveredAtEnd);
        // At the end every workload runs what it asks for, unless its autoscaler asked for more in the last five
        // minutes (replicas the run ends before they are placed and loaded).
        var end = metrics.Scenario.DurationSeconds;
        Assert.True(plane.AtDesiredAtEnd || metrics.Tenants.Any(t => t.Serving?.Autoscaling?.Decisions is { Count: > 0 } d && d[^1][0] > end - 300));
        Assert.Equal(0, plane.IdentityConflicts);
        // Every fault Earth heard of went to the subscribers whose filter takes it; each delivery ended acknowledged,
        // dead or pending, and the upset-only desk took a share of the archive's events.
        var webhooks = metrics.Webhooks!;
        Assert.Equal(metrics.Faults.Total, webhooks.EventsEmitted + webhooks.EventsUnheardAtEnd);
        var archive = webhooks.Subscribers.Single(s => s.Name == "incident-archive");
        var desk = webhooks.Subscribers.Single(s => s.Name == "radiation-desk");
        Assert.Equal(webhooks.EventsEmitted, archive.Events);
        Assert.Equal(metrics.Faults.ByType.Where(t => t.Key.StartsWith("upset-", StringComparison.Ordinal)).Sum(t => t.Value) - webhooks.EventsUnheardAtEnd, desk.Events, tolerance: webhooks.EventsUnheardAtEnd);
        Assert.All(webhooks.Subscribers, s => Assert.Equal(s.Events, s.Delivered + s.DeadLetters + s.PendingAtEnd));
        Assert.All(webhooks.Subscribers, s => Assert.True(s.Delivered > 0 && s.Attempts >= s.Events));
        Assert.Equal(MetricsJson.Serialize(metrics), MetricsJson.Serialize(Run()));
    }

    /// <summary>The built-in scenario with fault rates raised so thousands of faults land in a short run.</summary>
    private static Scenario Chaos(double days, ulong seed) => BuiltInScenarios.Load(BuiltInScenarios.Default) with
    {
        DurationSeconds = days * 86_400,
        Seed = seed,
        Faults = FaultSpec.Default with
        {
            UpsetsPerGpuDay = new Dictionary<SiteLocation, double> { [SiteLocation.Earth] = 5, [SiteLocation.Orbit] = 5, [SiteLocation.Moon] = 20 },
            Outcomes = new Dictionary<UpsetOutcome, double>
            {
                [UpsetOutcome.Corrected] = 0.4,
                [UpsetOutcome.DetectedCorruption] = 0.3,
                [UpsetOutcome.GpuHang] = 0.28,
                [UpsetOutcome.Permanent] = 0.02,
            },
            ExposedAreaSquareMetres = 2000,
            Storms = new StormSpec(200, 6 * 3600, 10, [SiteLocation.Moon]),
        },
    };

    [Fact]
    public void Under_thousands_of_faults_every_request_is_served_failed_with_a_reason_or_in_flight_and_the_run_repeats()
    {
        var metrics = new ScenarioSimulation(Chaos(2, 11)).Run();

        Assert.InRange(metrics.Faults.Total, 1000, 100_000);
        Assert.True(metrics.Accounting.Balanced);
        Assert.All(metrics.Tenants, t => Assert.Equal(t.Arrived, t.Served + t.Failed.Values.Sum() + t.Shed.Values.Sum() + t.InFlight.Total));
        Assert.True(metrics.Tenants.Sum(t => t.Retried) > 0);
        Assert.True(metrics.Faults.ByType["upset-gpu-hang"] > 0 && metrics.Faults.ByType["upset-detected-corruption"] > 0);
        Assert.Equal(metrics.Faults.Total, metrics.Faults.BySite.Values.Sum(s => s.Values.Sum()));
        Assert.Equal(metrics.Faults.Total, metrics.Faults.Series.Values.Sum(s => s.Sum()));
        // A request failed either with the fault that ended its replica once its budget was spent, or waiting at the
        // gateway while the faults kept every replica it could use busy or out of reach.
        Assert.All(metrics.Tenants.SelectMany(t => t.Failed.Keys), reason =>
            Assert.True(reason.Contains("; not retried", StringComparison.Ordinal) || reason.StartsWith("held at the gateway past its budget", StringComparison.Ordinal), reason));

        Assert.Equal(MetricsJson.Serialize(metrics), MetricsJson.Serialize(new ScenarioSimulation(Chaos(2, 11)).Run()));
    }

    [Fact]
    public void Every_fault_becomes_a_CloudEvent_written_one_per_line_beside_the_metrics()
    {
        var simulation = new ScenarioSimulation(Chaos(0.25, 3));
        var metrics = simulation.Run();
        Assert.Equal(metrics.Faults.Total, simulation.CosmicEvents.Count);
        var folder = Directory.CreateTempSubdirectory("selene-cosmic-");
        try
        {
            Selene.Simulation.Reporting.ReportWriter.Write(metrics, folder.FullName, simulation.CosmicEvents);
            var formatter = new CloudNative.CloudEvents.SystemTextJson.JsonEventFormatter();
            var events = File.ReadAllLines(Path.Combine(folder.FullName, "cosmic-events.jsonl"))
                .Select(line => formatter.DecodeStructuredModeMessage(System.Text.Encoding.UTF8.GetBytes(line), new System.Net.Mime.ContentType("application/cloudevents+json"), null).Validate())
                .ToList();
            Assert.Equal(simulation.CosmicEvents.Count, events.Count);
            Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
            Assert.All(events, e => Assert.StartsWith("io.selene.cosmic-event.", e.Type, StringComparison.Ordinal));
            Assert.Equal(metrics.Faults.ByType["upset-gpu-hang"], events.Count(e => e.Type == "io.selene.cosmic-event.upset-gpu-hang"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_node_lost_to_a_micrometeoroid_ends_its_replicas_and_their_requests_are_routed_again()
    {
        var scenario = ScenarioBuilder.Sites(4 * 3600, 5,
            [new NodeSpec(ScenarioBuilder.Node("earth-1", 4), "earth", "H100"), new NodeSpec(ScenarioBuilder.Node("lunar-1", 8, ScenarioBuilder.LatencyHigh), "moon", "H100")], [],
            ScenarioBuilder.Tenant("batch", 0.3, new ConstantDistribution(30), budget: 3600, workloadClass: WorkloadClass.Batch, replicas: 12, tolerations: ScenarioBuilder.ToleratesLatency)) with
        {
            Faults = FaultSpec.Default with
            {
                UpsetsPerGpuDay = new Dictionary<SiteLocation, double>(),
                Impacts = [new ImpactClass("1mm", 1, ImpactDamage.Node)],
                ExposedAreaSquareMetres = 2 * 365.25 * 24, // one hit every ~half hour on average
            },
        };
        var metrics = new ScenarioSimulation(scenario).Run();
        var batch = Assert.Single(metrics.Tenants);

        Assert.Equal(1, metrics.Faults.ByType["micrometeoroid-node"]);
        Assert.True(batch.Retried > 0);
        Assert.Equal(batch.Arrived, batch.Served + batch.Failed.Values.Sum() + batch.InFlight.Total);
        Assert.Equal(0, metrics.Sites.Single(s => s.Name == "moon").GpusAtEnd);
        Assert.True(batch.ServedBySite["moon"] > 0 && batch.ServedBySite["earth"] > 0);
    }
}
