using System.Globalization;
using System.Text.Json;
using Selene.Simulation.Limits;
using Selene.Simulation.Metrics;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.Sweeps;

/// <summary>
/// Runs one run of a sweep into <c>OUT/runs/KEY/</c>: the resolved scenario and its manifests, <c>run.json</c> (index,
/// seed, variant) and <c>metrics.json</c>, each written to a temporary file and renamed into place, so a killed run
/// leaves nothing half-written and a finished one is never run again.
/// </summary>
public static class SweepWorker
{
    /// <summary>The folder of <paramref name="run"/>'s results under <paramref name="output"/>.</summary>
    public static string Folder(string output, SweepRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Path.Combine(output, "runs", run.Key);
    }

    /// <summary>Where a run stands in an output folder.</summary>
    public enum RunState
    {
        /// <summary>Neither metrics nor a recorded failure.</summary>
        Missing,

        /// <summary>Its last attempt failed (failed.json).</summary>
        Failed,

        /// <summary>Its metrics are there.</summary>
        Done,
    }

    /// <summary>Where <paramref name="run"/> stands under <paramref name="output"/>, from which of its files exist.</summary>
    public static RunState StateOf(string output, SweepRun run)
    {
        var folder = Folder(output, run);
        return File.Exists(Path.Combine(folder, "metrics.json")) ? RunState.Done
            : File.Exists(Path.Combine(folder, "failed.json")) ? RunState.Failed
            : RunState.Missing;
    }

    /// <summary>Runs <paramref name="run"/> unless its metrics are already there; returns whether it ran.</summary>
    /// <exception cref="Core.Errors.InputException">Its scenario does not load.</exception>
    public static bool Run(SweepRun run, string output)
    {
        ArgumentNullException.ThrowIfNull(run);
        var folder = Folder(output, run);
        var metricsPath = Path.Combine(folder, "metrics.json");
        if (File.Exists(metricsPath))
        {
            return false;
        }

        Directory.CreateDirectory(Path.Combine(folder, "manifests"));
        foreach (var (name, text) in run.Manifests)
        {
            WriteAtomically(Path.Combine(folder, name), text);
        }

        var scenarioPath = Path.Combine(folder, "scenario.yaml");
        WriteAtomically(scenarioPath, run.ScenarioYaml);
        WriteAtomically(Path.Combine(folder, "run.json"), JsonSerializer.Serialize(new RunRecord(run.Index, run.Key, run.Variant, run.Seed,
            run.Values.ToDictionary(v => v.Path, v => v.Value))));
        File.Delete(Path.Combine(folder, "failed.json"));

        var scenario = ScenarioLoader.LoadFile(scenarioPath);
        var metrics = BoundedRun.Run(new ScenarioSimulation(scenario), new WorkLimits());
        WriteAtomically(metricsPath, MetricsJson.Serialize(metrics));
        return true;
    }

    /// <summary>Records that <paramref name="run"/> failed, and why, for <c>sweep gather</c> and <c>--missing</c>.</summary>
    public static void RecordFailure(SweepRun run, string output, int exitCode, string reason)
    {
        ArgumentNullException.ThrowIfNull(run);
        var folder = Folder(output, run);
        Directory.CreateDirectory(folder);
        WriteAtomically(Path.Combine(folder, "failed.json"), JsonSerializer.Serialize(new FailureRecord(run.Index, exitCode, reason)));
    }

    /// <summary>Why <paramref name="run"/>'s last attempt failed (its failed.json), or null when none is recorded.</summary>
    public static string? FailureReason(string output, SweepRun run)
    {
        var path = Path.Combine(Folder(output, run), "failed.json");
        return File.Exists(path) ? JsonSerializer.Deserialize<FailureRecord>(File.ReadAllText(path))?.Reason ?? "failed" : null;
    }

    /// <summary>Writes <paramref name="text"/> to a temporary file beside <paramref name="path"/> and renames it there.</summary>
    public static void WriteAtomically(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(path);
        // Named for its process and thread: two runs of one worker that resolve to the same key (a sweep listing a value
        // twice) write the same folder at once.
        var temporary = string.Create(CultureInfo.InvariantCulture, $"{path}.{Environment.ProcessId}-{Environment.CurrentManagedThreadId}.tmp");
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>What run.json holds.</summary>
    public sealed record RunRecord(int Index, string Key, int Variant, ulong Seed, IReadOnlyDictionary<string, string> Values);

    /// <summary>What failed.json holds.</summary>
    public sealed record FailureRecord(int Index, int ExitCode, string Reason);
}
