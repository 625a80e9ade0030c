using System.Text.Json;
using Selene.Core.Errors;

namespace Selene.Simulation.Sweeps;

/// <summary>
/// What a sweep's output folder needs to be gathered without the sweep file or its scenario: <c>plan.json</c>, the runs'
/// indexes, keys, variants, seeds and values, and the paths varied and collected. Every executor writes it.
/// </summary>
public static class SweepIndex
{
    private static readonly JsonSerializerOptions s_options = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The file name in the output folder.</summary>
    public const string FileName = "plan.json";

    /// <summary>Writes <paramref name="plan"/>'s index into <paramref name="output"/> (atomically; the same bytes for the same plan).</summary>
    public static void Write(SweepPlan plan, string output)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Directory.CreateDirectory(output);
        var record = new IndexRecord(
            plan.Spec.Scenario,
            plan.Spec.Vary.Select(v => v.Path.Text).ToList(),
            plan.Spec.Collect.Select(c => c.Text).ToList(),
            plan.Runs.Select(r => new RunEntry(r.Index, r.Key, r.Variant, r.Seed, r.Values.Select(v => v.Value).ToList())).ToList());
        SweepWorker.WriteAtomically(Path.Combine(output, FileName), JsonSerializer.Serialize(record, s_options));
    }

    /// <summary>Reads the plan written into <paramref name="output"/>: its runs without their scenarios, enough to gather them.</summary>
    /// <exception cref="InputException">There is none, or it is not one.</exception>
    public static SweepPlan Read(string output)
    {
        var path = Path.Combine(output, FileName);
        if (!File.Exists(path))
        {
            throw new InputException(InputDiagnostic.Error(output, 0, 0, "DIR", $"no {FileName} here: not the output folder of a sweep"));
        }

        IndexRecord? record;
        try
        {
            record = JsonSerializer.Deserialize<IndexRecord>(File.ReadAllText(path), s_options);
        }
        catch (JsonException e)
        {
            throw new InputException(InputDiagnostic.Error(path, 0, 0, "DIR", $"{FileName} is not a sweep's plan: {e.Message}"));
        }

        if (record?.Runs is null || record.Vary is null || record.Collect is null)
        {
            throw new InputException(InputDiagnostic.Error(path, 0, 0, "DIR", $"{FileName} is not a sweep's plan"));
        }

        var vary = record.Vary.Select(p => new SweepParameter(ScenarioPath.TryParse(p)!, [], 0)).ToList();
        var collect = record.Collect.Select(c => MetricPath.TryParse(c)!).ToList();
        var spec = new SweepSpec(path, record.Scenario, null, [], vary, SweepCombine.Cross, collect);
        var runs = record.Runs.Select(r => new SweepRun(r.Index, r.Key, r.Variant, r.Seed, vary.Zip(r.Values, (p, v) => (p.Path.Text, v)).ToList(), "",
            new Dictionary<string, string>())).ToList();
        return SweepPlan.FromRuns(spec, runs);
    }

    private sealed record IndexRecord(string Scenario, List<string> Vary, List<string> Collect, List<RunEntry> Runs);

    private sealed record RunEntry(int Index, string Key, int Variant, ulong Seed, List<string> Values);
}
