using Selene.Core.Errors;
using Selene.Simulation.Scenarios;
using Selene.Testing;

namespace Selene.Simulation.Tests.Scenarios;

public class ScenarioLoaderTests
{
    private const string File = "edited.yaml";

    private static Scenario ParseExample(string yaml) =>
        ScenarioLoader.Parse(yaml, File, relative =>
        {
            var path = RepositoryPaths.Of(Path.Combine("examples", relative));
            return System.IO.File.Exists(path) ? (System.IO.File.ReadAllText(path), relative) : null;
        });

    private static string Example => System.IO.File.ReadAllText(RepositoryPaths.Of("examples/earth-moon.yaml"));

    [Fact]
    public void The_built_in_scenario_is_the_example_file_byte_for_byte()
    {
        Assert.Equal(Example, BuiltInScenarios.Text(BuiltInScenarios.Default));
    }

    [Fact]
    public void The_built_in_scenario_has_two_Earth_data_centres_a_lunar_site_four_tenants_and_a_launch_schedule()
    {
        var scenario = BuiltInScenarios.Load(BuiltInScenarios.Default);

        Assert.Equal("earth-moon", scenario.Name);
        Assert.Equal(2, scenario.Sites.Count(s => s.Location == SiteLocation.Earth));
        var moon = Assert.Single(scenario.Sites, s => s.Location == SiteLocation.Moon);
        Assert.InRange(moon.LatitudeDegrees, -90, -85);
        Assert.Equal(["chat", "code", "imagine", "macrohard"], scenario.Tenants.Select(t => t.Name));
        Assert.Equal([2, 1, 3600, 86400], scenario.Tenants.Select(t => t.BudgetSeconds));
        Assert.Equal(("llama-3.1-70b", "azure-conv-2023"), (scenario.Tenants[0].Serving!.Model!.Name, scenario.Tenants[0].Arrivals.Trace!.Trace.Name));
        Assert.Equal((2.0, 0.1), (scenario.Tenants[0].Slo!.TtftSeconds, scenario.Tenants[0].Slo!.TpotSeconds));
        Assert.Equal(new ReplicaSpec(3, 8, 4, AutoscaleMetric.Running, 10), scenario.Tenants[0].Serving!.Replicas);
        // 20 s to start, then each of the 2 GPUs reads its 35 GB share of the fp8 weights at 2 GB/s.
        Assert.Equal(20 + (70.6e9 / 2 / 2e9), scenario.Tenants[0].Serving!.LoadSeconds, 1);
        Assert.Equal(512, scenario.Tenants[1].Serving!.MaxNumBatchedTokens);
        Assert.Equal(["llama-3.1-70b", "llama-3.1-8b", "sdxl", "llama-3.1-8b"], scenario.Tenants.Select(t => t.Serving!.Model!.Name));
        Assert.Equal((0, Criticality.Sheddable), (scenario.Tenants[3].Serving!.Replicas.Min, scenario.Tenants[3].Serving!.Criticality));
        Assert.All(scenario.Tenants.Where(t => t.Class == WorkloadClass.Interactive), t => Assert.Empty(t.Tolerations));
        Assert.All(scenario.Tenants.Where(t => t.Class == WorkloadClass.Batch), t => Assert.NotEmpty(t.Tolerations));
        Assert.Equal(1.282, scenario.Link.OneWayDelaySeconds);
        Assert.Contains(scenario.Nodes, n => n.Node.Name == "lunar-gpu-01" && n.Site == "shackleton-rim" && n.Node.GpuCount == 8);
        var launch = Assert.Single(scenario.Launches);
        Assert.True(launch.Count > 1 && launch.NodesPerLaunch > 0 && launch.FailureProbability > 0);
        Assert.Equal(["goldstone", "madrid", "canberra", "new-norcia", "cebreros", "malargue", "goonhilly"], scenario.GroundStations.Select(s => s.Name));
        Assert.All(scenario.GroundStations, s => Assert.Equal(10, s.ElevationMaskDegrees));
        Assert.All(scenario.GroundStations, s => Assert.Contains(s.Radios, r => r.Band.Name == "ka"));

        // Queqiao-2's orbit, 200 × 16,000 km above the mean radius: a = 9,837.4 km, e = 0.8030, a 24.3-hour period.
        var relay = Assert.Single(scenario.Relays);
        Assert.Equal(1737.4 + 8100, relay.Orbit.SemiMajorAxisKm, 6);
        Assert.Equal(15800 / (2 * 1737.4 + 16200), relay.Orbit.Eccentricity, 9);
        Assert.Equal(24.3, relay.Orbit.PeriodSeconds / 3600, 1);
        Assert.True(relay.Orbit.WithJ2);
        Assert.Equal(["s", "ka"], relay.Radios.Select(r => r.Band.Name));
    }

    [Fact]
    public void A_manifest_used_twice_warns_once_about_spec_resources()
    {
        var scenario = BuiltInScenarios.Load(BuiltInScenarios.Default);
        var warning = Assert.Single(scenario.Warnings);
        Assert.Equal(("examples/manifests/lunar-gpu-01.yaml", 14, "spec.resources"), (warning.File, warning.Line, warning.Field));
    }

    /// <summary>
    /// Each case edits the example so one thing is wrong: (why, find, replace with, expected field, expected
    /// message, text on the line the error must name).
    /// </summary>
    public static TheoryData<string, string, string, string, string, string> BadEdits => new()
    {
        { "an unknown key", "  - name: chat\n", "  - name: chat\n    colour: blue\n", "tenants[0].colour", "unknown key 'colour'", "colour: blue" },
        { "a seed that is not a number", "seed: 20261128", "seed: many", "seed", "expected a whole number", "seed: many" },
        { "a list where one value belongs", "ratePerSecond: 0.3", "ratePerSecond: [1, 2]", "tenants[2].arrivals.ratePerSecond", "expected a single value", "ratePerSecond: [1, 2]" },
        { "a latitude beyond the pole", "latitude: -88.74", "latitude: -98.74", "sites[2].latitude", "out of range", "latitude: -98.74" },
        { "a probability above one", "failureProbability: 0.05", "failureProbability: 1.5", "launches[0].failureProbability", "out of range", "failureProbability: 1.5" },
        { "a negative duration", "duration: 7d", "duration: -1d", "duration", "out of range", "duration: -1d" },
        { "a duration that is not one", "budget: 1h", "budget: soon", "tenants[2].budget", "expected a duration", "budget: soon" },
        { "an SLO that is not a duration", "slo: {ttft: 2s, tpot: 100ms}", "slo: {ttft: soon, tpot: 100ms}", "tenants[0].slo.ttft", "expected a duration", "ttft: soon" },
        { "an unknown model", "model: llama-3.1-70b", "model: llama-9", "tenants[0].serving.model", "unknown model 'llama-9'", "model: llama-9" },
        { "tensor parallelism beyond any node's GPUs", "      tensorParallel: 2\n", "      tensorParallel: 16\n", "tenants[0].serving.tensorParallel", "no H100 node has 16 GPUs", "tensorParallel: 16" },
        { "fewer batched tokens than a KV block", "maxNumBatchedTokens: 512 ", "maxNumBatchedTokens: 8 ", "tenants[1].serving.maxNumBatchedTokens", "at least the KV block size", "maxNumBatchedTokens: 8" },
        { "a trace that does not exist", "trace: azure-conv-2023", "trace: nope.csv", "tenants[0].arrivals.trace", "no such trace file", "trace: nope.csv" },
        { "a scenario model named like a built-in one", "\ntenants:\n", "\nmodels:\n  - {name: llama-3.1-8b, parameters: 8e9, layers: 32, hiddenSize: 4096, attentionHeads: 32}\ntenants:\n", "models[0].name", "is a built-in model", "name: llama-3.1-8b, parameters" },
        { "a scenario model whose KV heads do not divide its heads", "\ntenants:\n", "\nmodels:\n  - {name: odd, parameters: 8e9, layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 5}\ntenants:\n", "models[0].kvHeads", "expected a divisor of attentionHeads", "name: odd" },
        { "serving on an unknown GPU type", "      tensorParallel: 2\n      gpuTypes: [H100]", "      tensorParallel: 2\n      gpuTypes: [A100]", "tenants[0].serving.gpuTypes", "unknown GPU type 'A100'", "gpuTypes: [A100]" },
        { "replicas whose min is above their max", "replicas: {min: 3, max: 8, initial: 4}", "replicas: {min: 9, max: 8, initial: 8}", "tenants[0].serving.replicas.min", "more than max", "replicas: {min: 9" },
        { "a fixed replica count beside an autoscaler", "replicas: {min: 3, max: 8, initial: 4}", "replicas: 4", "tenants[0].serving.autoscale", "a fixed replica count has no autoscaler", "autoscale: {metric: running" },
        { "a fixed count of no replicas", "replicas: {min: 3, max: 8, initial: 4}", "replicas: 0", "tenants[0].serving.replicas", "out of range", "replicas: 0" },
        { "an autoscaler metric Selene does not know", "{metric: running, target: 10}", "{metric: tokens, target: 10}", "tenants[0].serving.autoscale.metric", "expected one of queue, kvcache, running", "metric: tokens" },
        { "a load time that is not a duration", "      gpuTypes: [H100]\n", "      gpuTypes: [H100]\n      loadTime: soon\n", "tenants[0].serving.loadTime", "expected a duration", "loadTime: soon" },
        { "a criticality that is not one", "criticality: sheddable", "criticality: whenever", "tenants[3].serving.criticality", "expected one of standard, sheddable", "criticality: whenever" },
        { "a negative token count", "trace: azure-code-2023   # 2.5 requests/s of long prompts and short completions, with bursts of 60 a second\n      loop: true", "process: poisson\n      ratePerSecond: 1\n      tokens: {prompt: {distribution: constant, value: -5}, output: {distribution: constant, value: 10}}", "tenants[1].arrivals.tokens.prompt.value", "out of range", "value: -5" },
        { "a node at a site that does not exist", "site: shackleton-rim\n    gpuType: H100\n\n#", "site: tycho\n    gpuType: H100\n\n#", "nodes[3].site", "unknown site 'tycho'", "site: tycho" },
        { "a manifest file that does not exist", "manifests/earth-frankfurt.yaml", "manifests/nope.yaml", "nodes[2].manifest", "'manifests/nope.yaml' not found", "manifests/nope.yaml" },
        { "an unknown distribution", "prompt: {distribution: lognormal", "prompt: {distribution: gamma", "tenants[3].arrivals.tokens.prompt.distribution", "expected one of exponential", "distribution: gamma" },
        { "an unknown toleration operator", "operator: Exists", "operator: Sometimes", "tenants[3].tolerations[0].operator", "expected Equal or Exists", "operator: Sometimes" },
        { "a site location that is not Earth or Moon", "location: moon", "location: mars", "sites[2].location", "expected one of earth, moon", "location: mars" },
        { "a horizon with azimuths out of order", "    horizon: [[0, -1.9]]\n", "    horizon: [[0, 1], [180, 2], [90, 1]]\n", "sites[2].horizon", "azimuths must increase strictly", "horizon: [[0, 1]" },
        { "a horizon row that is not a pair", "    horizon: [[0, -1.9]]\n", "    horizon: [[0, 1, 5]]\n", "sites[2].horizon[0]", "expected [azimuth, elevation]", "horizon: [[0, 1, 5]]" },
        { "a ground station beyond the pole", "latitude: 35.4267", "latitude: 95.4267", "groundStations[0].latitude", "out of range", "latitude: 95.4267" },
        { "a station mask of 90 degrees", "elevationMask: 10, radios: [ka]}\n  - {name: madrid", "elevationMask: 90, radios: [ka]}\n  - {name: madrid", "groundStations[0].elevationMask", "out of range", "elevationMask: 90" },
        { "a station mask below −5 degrees", "elevationMask: 10, radios: [ka]}\n  - {name: madrid", "elevationMask: -6, radios: [ka]}\n  - {name: madrid", "groundStations[0].elevationMask", "out of range", "elevationMask: -6" },
        { "a relay orbit that is not an ellipse", "    periapsisAltitudeKm: 200\n    apoapsisAltitudeKm: 16000\n", "    semiMajorAxisKm: 9837\n    eccentricity: 1\n", "relays[0].eccentricity", "is not an ellipse", "eccentricity: 1" },
        { "a relay orbit through the Moon", "    periapsisAltitudeKm: 200\n    apoapsisAltitudeKm: 16000\n", "    semiMajorAxisKm: 1900\n    eccentricity: 0.2\n", "relays[0].semiMajorAxisKm", "below the lunar surface", "semiMajorAxisKm: 1900" },
        { "a relay periapsis below the surface", "periapsisAltitudeKm: 200\n", "periapsisAltitudeKm: -50\n", "relays[0].periapsisAltitudeKm", "below the lunar surface", "periapsisAltitudeKm: -50" },
        { "an unknown lunar frame", "frame: moon-equator", "frame: selenographic", "relays[0].frame", "no lunar frame 'selenographic'", "frame: selenographic" },
        { "a negative dish diameter", "radios: [ka, x]}", "radios: [{band: ka, dishDiameterM: -32}]}", "groundStations[6].radios[0].dishDiameterM", "out of range", "dishDiameterM: -32" },
        { "an unknown radio band", "    j2: true\n    radios: [s, ka]\n", "    j2: true\n    radios: [s, uhf]\n", "relays[0].radios[1]", "no band 'uhf'", "radios: [s, uhf]" },
        { "a Walker constellation whose planes do not divide it", "    j2: true\n", "    j2: true\n    walker: {count: 8, planes: 3}\n", "relays[0].walker.planes", "planes dividing count", "walker: {count: 8" },
    };

    [Theory]
    [MemberData(nameof(BadEdits))]
    public void A_bad_scenario_is_rejected_naming_file_line_and_key(
        string because, string find, string replace, string field, string message, string lineWith)
    {
        Assert.Contains(find, Example, StringComparison.Ordinal);
        var edited = Example.Replace(find, replace, StringComparison.Ordinal);

        var error = Assert.Throws<InputException>(() => ParseExample(edited));

        var found = error.Errors.FirstOrDefault(e => e.Field == field);
        Assert.True(found is not null, $"{because}: expected an error at {field}, got: {error.Message}");
        Assert.Equal(File, found.File);
        Assert.Contains(message, found.Message, StringComparison.Ordinal);
        Assert.True(found.Line == LineOf(edited, lineWith), $"{because}: line {found.Line}, expected {LineOf(edited, lineWith)}");
    }

    [Fact]
    public void An_orbital_site_reads_its_elements_and_must_give_one_size()
    {
        const string before = "  - name: shackleton-rim\n";
        var edited = Example.Replace(before, "  - name: leo-1\n    location: orbit\n    orbit: { altitudeKm: 550, inclination: 53, raan: 10 }\n" + before, StringComparison.Ordinal);
        var site = ParseExample(edited).Sites.Single(s => s.Name == "leo-1");
        Assert.Equal(SiteLocation.Orbit, site.Location);
        Assert.Equal(6928.137, site.Orbit!.SemiMajorAxisKm, 6);
        Assert.Equal(53, site.Orbit.InclinationDegrees);

        var bad = Example.Replace(before, "  - name: leo-1\n    location: orbit\n    orbit: { altitudeKm: 550, semiMajorAxisKm: 7000, inclination: 53 }\n" + before, StringComparison.Ordinal);
        var error = Assert.Throws<InputException>(() => ParseExample(bad));
        Assert.Contains(error.Errors, e => e.Field == "sites[2].orbit" && e.Message.Contains("either altitudeKm", StringComparison.Ordinal));
    }

    private const string DetectTenant = """
          - name: detect
            class: interactive
            budget: 2s
            arrivals: {process: poisson, ratePerSecond: 3}
            service:
              H100: {distribution: lognormal, mean: 400ms, cv: 0.5}

        """;

    [Fact]
    public void A_tenant_of_whole_requests_is_served_by_the_replicas_its_serving_asks_for_or_by_one()
    {
        var alone = ParseExample(Example.Replace("  - name: chat\n", DetectTenant + "  - name: chat\n", StringComparison.Ordinal)).Tenants[0];
        Assert.True(alone.Serving!.ServesWholeRequests);
        Assert.Equal(new ReplicaSpec(1, 1, 1, AutoscaleMetric.Queue, double.NaN), alone.Serving.Replicas);
        Assert.Equal(["H100"], alone.Serving.GpuTypes);

        const string serving = "    serving:\n      replicas: {min: 2, max: 8, initial: 2}\n      autoscale: {metric: queue, target: 1}\n      loadTime: 10s\n";
        var scaled = ParseExample(Example.Replace("  - name: chat\n", DetectTenant + serving + "  - name: chat\n", StringComparison.Ordinal)).Tenants[0];
        Assert.Equal(new ReplicaSpec(2, 8, 2, AutoscaleMetric.Queue, 1), scaled.Serving!.Replicas);
        Assert.Equal((10.0, true), (scaled.Serving.LoadSeconds, scaled.Serving.ServesWholeRequests));

        // A count alone fixes the replicas, as a Deployment's spec.replicas does.
        var fixedCount = ParseExample(Example.Replace("  - name: chat\n", DetectTenant + "    serving:\n      replicas: 5\n" + "  - name: chat\n", StringComparison.Ordinal)).Tenants[0];
        Assert.Equal((5, 5, 5), (fixedCount.Serving!.Replicas.Min, fixedCount.Serving.Replicas.Max, fixedCount.Serving.Replicas.Initial));
    }

    [Theory]
    [InlineData("    serving:\n      model: llama-3.1-8b\n", "tenants[0].serving.model", "a tenant of whole requests is served for its service times", "model: llama-3.1-8b")]
    [InlineData("    serving:\n      maxNumSeqs: 4\n", "tenants[0].serving.maxNumSeqs", "'maxNumSeqs' is for a model of the model table", "maxNumSeqs: 4")]
    [InlineData("    serving:\n      gpuTypes: [L40S]\n", "tenants[0].serving.gpuTypes", "no GPU type of the scenario can serve it: it has no service time on L40S", "gpuTypes: [L40S]")]
    public void A_tenant_of_whole_requests_with_a_models_serving_keys_is_rejected_at_the_key(string serving, string field, string message, string lineWith)
    {
        var edited = Example.Replace("  - name: chat\n", DetectTenant + serving + "  - name: chat\n", StringComparison.Ordinal);
        var error = Assert.Throws<InputException>(() => ParseExample(edited));
        var found = error.Errors.FirstOrDefault(e => e.Field == field);
        Assert.True(found is not null, $"expected an error at {field}, got: {error.Message}");
        Assert.Contains(message, found.Message, StringComparison.Ordinal);
        Assert.Equal(LineOf(edited, lineWith), found.Line);
    }

    [Fact]
    public void A_tenant_with_nothing_to_serve_it_is_rejected_at_its_mapping()
    {
        var edited = Example.Replace("  - name: chat\n", DetectTenant.Replace("    service:\n      H100: {distribution: lognormal, mean: 400ms, cv: 0.5}\n", "", StringComparison.Ordinal) + "  - name: chat\n", StringComparison.Ordinal);
        var found = Assert.Single(Assert.Throws<InputException>(() => ParseExample(edited)).Errors);
        Assert.Equal("tenants[0].service", found.Field);
        Assert.Contains("needs service times per GPU type", found.Message, StringComparison.Ordinal);
        Assert.Equal(LineOf(edited, "- name: detect"), found.Line);
    }

    [Fact]
    public void A_missing_required_key_is_reported_at_the_mapping_that_lacks_it()
    {
        var edited = Example.Replace("    budget: 1h\n", "", StringComparison.Ordinal);
        var error = Assert.Throws<InputException>(() => ParseExample(edited));
        var found = Assert.Single(error.Errors);
        Assert.Equal("tenants[2].budget", found.Field);
        Assert.Contains("missing required key 'budget'", found.Message, StringComparison.Ordinal);
        Assert.Equal(LineOf(edited, "- name: imagine"), found.Line);
    }

    [Fact]
    public void Every_problem_is_reported_in_one_go()
    {
        var edited = Example.Replace("seed: 20261128", "seed: many", StringComparison.Ordinal)
            .Replace("latitude: -88.74", "latitude: -98.74", StringComparison.Ordinal);
        var error = Assert.Throws<InputException>(() => ParseExample(edited));
        Assert.Equal(["seed", "sites[2].latitude"], error.Errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData("not: [valid", "not valid YAML")]
    [InlineData("- a list\n- at the top\n", "top level is a mapping")]
    public void Text_that_is_not_a_scenario_is_rejected(string yaml, string message)
    {
        var error = Assert.Throws<InputException>(() => ParseExample(yaml));
        Assert.Contains(message, error.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(File, error.Errors[0].File);
    }

    [Fact]
    public void A_scenario_file_that_cannot_be_read_is_an_input_error()
    {
        var error = Assert.Throws<InputException>(() => ScenarioLoader.LoadFile("/nonexistent/scenario.yaml"));
        Assert.Contains("cannot read the scenario", error.Errors[0].Message, StringComparison.Ordinal);
    }

    private static int LineOf(string text, string fragment)
    {
        var index = text.IndexOf(fragment, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{fragment}' not in the edited text");
        return text[..index].Count(c => c == '\n') + 1;
    }
}
