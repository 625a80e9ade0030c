using Selene.Core.Errors;
using Selene.Simulation.Metrics;
using Selene.Simulation.Scenarios;
using Selene.Testing;

namespace Selene.Simulation.Tests.Split;

public class SplitScenarioTests
{
    private static readonly string ExamplePath = RepositoryPaths.Of("examples/split-inference.yaml");

    [Fact]
    public void A_tenant_serving_a_split_model_sends_the_cut_and_its_plan_is_reported_the_same_on_every_run()
    {
        var scenario = ScenarioLoader.LoadFile(ExamplePath) with { DurationSeconds = 1800 };

        var first = new ScenarioSimulation(scenario).Run();
        var second = new ScenarioSimulation(scenario).Run();

        Assert.Equal(MetricsJson.Serialize(first), MetricsJson.Serialize(second));
        var plan = Assert.Single(first.SplitPlans!);
        Assert.Equal(("vision", "ResNet18.onnx", "orin", "h100"), (plan.Tenant, plan.Model, plan.PrefixDevice, plan.SuffixDevice));
        // Over the Moon's round trip ResNet18 is best kept on Earth; at lunar nodes the twin runs the best split
        // that uses them, which sends far less than the image.
        Assert.Equal("all in prefix", plan.Best.Kind);
        Assert.NotEqual("all in prefix", plan.Run.Kind);
        Assert.True(plan.Run.SentBytes < plan.AllOnMoon.SentBytes, $"{plan.Run.SentBytes} bytes against the image's {plan.AllOnMoon.SentBytes}");
        Assert.True(plan.Run.LatencySeconds >= 2 * 1.282);
        Assert.Equal(13, plan.Sweep.Count);
        Assert.Equal(plan.Candidates.Count, plan.Candidates.Distinct().Count());
        var vision = first.Tenants.Single(t => t.Name == "vision");
        Assert.True(vision.Served > 1000, $"{vision.Served} served");
        // Its replicas are held to the rim by their node selector: every request there runs the split's suffix.
        Assert.Equal(vision.Served, vision.ServedBySite["shackleton-rim"]);
        Assert.All(first.Replicas!.Where(r => r.Tenant == "vision"), r => Assert.Equal("shackleton-rim", r.Site));
    }

    public static TheoryData<string, string, string, string> BadModels => new()
    {
        { "a model file that is not there", "      name: resnet18\n", "      name: no-such-model.onnx\n", "model.name" },
        { "an unknown codec", "      codecs: [none, lz4, zstd, fp16]\n", "      codecs: [none, gzip]\n", "model.codecs" },
        { "a device measured on this machine", "      prefixDevice: orin\n", "      prefixDevice: local\n", "model.prefixDevice" },
        { "service times beside a model", "    model:\n", "    service:\n      H100: { distribution: constant, value: 1s }\n    model:\n", "service" },
    };

    [Theory]
    [MemberData(nameof(BadModels))]
    public void Bad_model_sections_are_reported_with_the_file_line_and_field(string because, string find, string replace, string field)
    {
        var yaml = File.ReadAllText(ExamplePath);
        Assert.Contains(find, yaml, StringComparison.Ordinal);
        var bad = yaml.Replace(find, replace, StringComparison.Ordinal);
        var line = bad[..bad.IndexOf(replace, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        var error = Assert.Throws<InputException>(() => ScenarioLoader.Parse(bad, ExamplePath, path => (File.ReadAllText(Path.Combine(Path.GetDirectoryName(ExamplePath)!, path)), path)));

        Assert.True(error.Errors.Any(e => e.Field.EndsWith(field, StringComparison.Ordinal) && e.Line >= line && e.Line <= line + 2), $"{because}: {string.Join("; ", error.Errors)}");
    }
}
