using System.Text.Json;
using Selene.Testing;

namespace Selene.Cli.Tests;

public class ScheduleCommandTests
{
    [Fact]
    public void The_example_places_every_pod_it_can_and_explains_the_Moons_rejection()
    {
        var run = CliRun.Of("schedule", "-f", RepositoryPaths.Of("examples/manifests"), "-f", RepositoryPaths.Of("examples/scheduling"), "--json", "--explain");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var pods = json.RootElement.GetProperty("pods").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.Equal("Scheduled", pods["chat-0"].GetProperty("status").GetString());
        Assert.StartsWith("ash-gpu-", pods["chat-0"].GetProperty("node").GetString(), StringComparison.Ordinal);
        // chat-0 tolerates the Moon's taint, but its 2 s budget is shorter than the round trip.
        var filter = pods["chat-0"].GetProperty("explanation").GetProperty("selene.io/filter-result");
        Assert.StartsWith("node(s) are 2.6", filter.GetProperty("lunar-gpu-01").GetProperty("LatencyBudget").GetString(), StringComparison.Ordinal);
        Assert.Equal("Rejected", pods["macrohard-1"].GetProperty("status").GetString());
        Assert.Contains("exceeded quota: gpus", pods["macrohard-1"].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_documents_exit_2_with_file_line_and_field_while_the_rest_schedule()
    {
        var folder = Directory.CreateTempSubdirectory("selene-schedule-");
        try
        {
            var path = Path.Combine(folder.FullName, "cluster.yaml");
            File.WriteAllText(path, """
                apiVersion: v1
                kind: Node
                metadata: {name: n1}
                status: {capacity: {cpu: "8", memory: 32Gi}}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: good}
                spec: {containers: [{name: c, resources: {requests: {cpu: "1"}}}]}
                ---
                apiVersion: v1
                kind: Widget
                metadata: {name: w}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: gx}
                spec: {containers: [{name: c, resources: {requests: {memory: 32Gx}}}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: negative}
                spec: {containers: [{name: c, resources: {requests: {cpu: "-1"}}}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: operator}
                spec:
                  containers: [{name: c}]
                  tolerations: [{key: latency, operator: Like, value: high}]
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: classless}
                spec:
                  priorityClassName: missing
                  containers: [{name: c}]
                """);
            var run = CliRun.Of("schedule", "-f", path);
            Assert.Equal(2, run.ExitCode);
            var errors = run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains(errors, e => e.StartsWith($"{path}:12:7: error: kind: unknown kind Widget", StringComparison.Ordinal));
            Assert.Contains(errors, e => e.StartsWith($"{path}:18:", StringComparison.Ordinal) && e.Contains("spec.containers[0].resources.requests.memory: not a Kubernetes quantity", StringComparison.Ordinal));
            Assert.Contains(errors, e => e.StartsWith($"{path}:23:", StringComparison.Ordinal) && e.Contains("spec.containers[0].resources.requests.cpu: -1 is negative", StringComparison.Ordinal));
            Assert.Contains(errors, e => e.StartsWith($"{path}:30:", StringComparison.Ordinal) && e.Contains("spec.tolerations[0].operator: unknown toleration operator 'Like'", StringComparison.Ordinal));
            Assert.Contains(errors, e => e.StartsWith($"{path}:36:", StringComparison.Ordinal) && e.Contains("spec.priorityClassName: Pod classless: no PriorityClass named 'missing'", StringComparison.Ordinal));
            Assert.Contains("default/good", run.Out, StringComparison.Ordinal);
            Assert.Contains("Scheduled", run.Out, StringComparison.Ordinal);
            Assert.DoesNotContain("negative", run.Out, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Naming_no_manifest_is_a_usage_error() => Assert.Equal(2, CliRun.Of("schedule").ExitCode);
}

public class FaultSectionCommandTests
{
    [Fact]
    public void A_bad_fault_section_exits_2_naming_file_line_and_field()
    {
        var folder = Directory.CreateTempSubdirectory("selene-faults-");
        try
        {
            Directory.CreateDirectory(Path.Combine(folder.FullName, "manifests"));
            foreach (var manifest in Directory.GetFiles(RepositoryPaths.Of("examples/manifests")))
            {
                File.Copy(manifest, Path.Combine(folder.FullName, "manifests", Path.GetFileName(manifest)));
            }

            var example = File.ReadAllText(RepositoryPaths.Of("examples/earth-moon.yaml"));
            var path = Path.Combine(folder.FullName, "faulty.yaml");
            File.WriteAllText(path, example + "\nfaults:\n  upsets:\n    perGpuDay: {moon: -0.5}\n");
            var line = example.Split('\n').Length + 3;
            var run = CliRun.Of("simulate", path, "--days", "0.01");
            Assert.Equal(2, run.ExitCode);
            Assert.Contains($"{path}:{line}:", run.Errors, StringComparison.Ordinal);
            Assert.Contains("faults.upsets.perGpuDay.moon: -0.5 is out of range", run.Errors, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
