using System.Diagnostics;
using k8s;
using k8s.Models;
using Selene.Simulation.Sweeps;

namespace Selene.Cli.Tests;

/// <summary>
/// Sweeps through the local executor and as a Kubernetes Indexed Job's workers would run them: each run's results are
/// what a plain `selene simulate` of its resolved scenario writes, an interruption loses and doubles nothing, and exit
/// codes are what the Job's pod failure policy expects.
/// </summary>
public sealed class SweepCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("selene-sweep-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_sweep_killed_and_resumed_equals_separate_simulate_runs_byte_for_byte()
    {
        var file = Write("sweep.yaml", """
            scenario: earth-moon
            duration: 2m
            seeds: 5
            vary:
              - path: tenants[chat].arrivals.rateScale
                values: [1, 2, 4]
              - path: tenants[code].arrivals.rateScale
                range: {from: 0.5, to: 2, steps: 4}
            collect:
              - tenants[*].goodput
              - accounting.served
            """);
        var output = Path.Combine(_folder, "out");

        // The executor as its own process, killed (with its workers) once a few runs are in.
        using (var executor = Process.Start(Selene("sweep", file, "--out", output, "-j", "2"))!)
        {
            var clock = Stopwatch.StartNew();
            while (Finished(output) < 4 && clock.Elapsed < TimeSpan.FromMinutes(3) && !executor.HasExited)
            {
                await Task.Delay(100);
            }

            Assert.False(executor.HasExited, "the sweep finished before it could be killed");
            executor.Kill(entireProcessTree: true);
            await executor.WaitForExitAsync();
        }

        var killedAt = Finished(output);
        Assert.InRange(killedAt, 4, 59);

        var resumed = CliRun.Of("sweep", file, "--out", output, "-j", "2");
        Assert.True(resumed.ExitCode == 0, resumed.Out + resumed.Errors);
        Assert.Contains($"({killedAt} done before)", resumed.Out, StringComparison.Ordinal);
        Assert.Contains("60 of 60 runs have results; missing: none; failed: none.", resumed.Out, StringComparison.Ordinal);

        // Each run is a plain simulate of its resolved scenario, byte for byte.
        var plan = SweepIndex.Read(output);
        var separate = Path.Combine(_folder, "separate");
        foreach (var run in plan.Runs)
        {
            var scenario = Path.Combine(SweepWorker.Folder(output, run), "scenario.yaml");
            var alone = Path.Combine(separate, run.Index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var simulate = CliRun.Of("simulate", scenario, "--out", alone);
            Assert.True(simulate.ExitCode == 0, simulate.Errors);
            Assert.True(File.ReadAllBytes(Path.Combine(alone, "metrics.json")).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(SweepWorker.Folder(output, run), "metrics.json"))),
                $"run {run.Index} differs from its separate simulate run");
        }

        // The table equals an uninterrupted sweep's: the separate runs' metrics gathered under the same plan.
        var uninterrupted = Path.Combine(_folder, "uninterrupted");
        foreach (var run in plan.Runs)
        {
            Directory.CreateDirectory(SweepWorker.Folder(uninterrupted, run));
            File.Copy(Path.Combine(separate, run.Index.ToString(System.Globalization.CultureInfo.InvariantCulture), "metrics.json"), Path.Combine(SweepWorker.Folder(uninterrupted, run), "metrics.json"));
        }

        File.Copy(Path.Combine(output, SweepIndex.FileName), Path.Combine(uninterrupted, SweepIndex.FileName));
        Assert.Equal(0, CliRun.Of("sweep", "gather", uninterrupted).ExitCode);
        Assert.Equal(File.ReadAllText(Path.Combine(uninterrupted, "results.csv")), File.ReadAllText(Path.Combine(output, "results.csv")));
        Assert.Equal(61, File.ReadAllLines(Path.Combine(output, "results.csv")).Length);
    }

    [Fact]
    public async Task Indexed_job_workers_one_killed_and_rerun_one_given_bad_input_are_gathered_as_they_ended()
    {
        var file = Write("job-sweep.yaml", """
            scenario: earth-moon
            duration: 2m
            seeds: 2
            vary:
              - path: tenants[chat].arrivals.rateScale
                values: [1, -3]
            collect:
              - tenants[chat].goodput
            """);
        var output = Path.Combine(_folder, "shared");
        var exits = new int[4];
        for (var index = 0; index < 4; index++)
        {
            var start = Selene("sweep", "run", file, "--out", output);
            start.Environment["JOB_COMPLETION_INDEX"] = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            using var worker = Process.Start(start)!;
            if (index == 1)
            {
                // Killed as a node loss would kill it, then run again as the Job controller would.
                await Task.Delay(300);
                worker.Kill(entireProcessTree: true);
                await worker.WaitForExitAsync();
                using var again = Process.Start(start)!;
                await again.WaitForExitAsync();
                exits[index] = again.ExitCode;
                continue;
            }

            await worker.WaitForExitAsync();
            exits[index] = worker.ExitCode;
        }

        // rateScale −3 is bad input: exit 2, which the Job's policy fails at once; the others finish.
        Assert.Equal([0, 0, 2, 2], exits);
        var gather = CliRun.Of("sweep", "gather", output);
        Assert.Equal(1, gather.ExitCode);
        Assert.Contains("2 of 4 runs have results; missing: none; failed: 2, 3.", gather.Out, StringComparison.Ordinal);
        Assert.Contains("rateScale", gather.Out, StringComparison.Ordinal);

        // An internal failure (the run's folder cannot be made) exits 1, which the policy retries.
        var blocked = Path.Combine(_folder, "blocked");
        var plan = SweepPlan.Create(SweepReader.LoadFile(file, checkScenario: false), SeleneApp.Version);
        Directory.CreateDirectory(Path.Combine(blocked, "runs"));
        File.WriteAllText(SweepWorker.Folder(blocked, plan.Runs[0]), "a file where the run's folder goes");
        var internalFailure = CliRun.Of("sweep", "run", file, "--index", "0", "--out", blocked);
        Assert.Equal(1, internalFailure.ExitCode);

        // The Job for the same sweep with valid values, through KubernetesClient's strict model load.
        var valid = Write("valid-sweep.yaml", File.ReadAllText(file).Replace("values: [1, -3]", "values: [1, 2]", StringComparison.Ordinal));
        var jobFile = Path.Combine(_folder, "job.yaml");
        var k8s = CliRun.Of("sweep", "k8s", valid, "--image", "registry.example/selene:1", "--storage", "sweep-results", "--parallelism", "3", "--out", jobFile);
        Assert.True(k8s.ExitCode == 0, k8s.Errors);
        var objects = KubernetesYaml.LoadAllFromString(File.ReadAllText(jobFile), strict: true);
        var configMap = Assert.IsType<V1ConfigMap>(objects[0]);
        var job = Assert.IsType<V1Job>(objects[1]);
        Assert.Contains("rateScale", configMap.Data["sweep.yaml"], StringComparison.Ordinal);
        Assert.Equal("Indexed", job.Spec.CompletionMode);
        Assert.Equal(4, job.Spec.Completions);
        Assert.Equal(3, job.Spec.Parallelism);
        Assert.NotNull(job.Spec.BackoffLimitPerIndex);
        Assert.Equal("sweep-results", job.Spec.Template.Spec.Volumes.Single(v => v.PersistentVolumeClaim is not null).PersistentVolumeClaim.ClaimName);
        Assert.Equal(["sweep", "run", "/sweep/sweep.yaml", "--out", "/results"], job.Spec.Template.Spec.Containers[0].Args);

        // The policy's rules against the exit codes the worker really returned.
        Assert.Equal("FailIndex", IndexedJob.ActionFor(job, exits[2]));
        Assert.Equal("Count", IndexedJob.ActionFor(job, internalFailure.ExitCode));
        Assert.Equal("Ignore", IndexedJob.ActionFor(job, 137, disrupted: true));
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static int Finished(string output) =>
        Directory.Exists(Path.Combine(output, "runs")) ? Directory.GetFiles(Path.Combine(output, "runs"), "metrics.json", SearchOption.AllDirectories).Length : 0;

    private static ProcessStartInfo Selene(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = false, RedirectStandardError = false, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "selene.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
