namespace Selene.Serving.Hardware;

/// <summary>
/// Built-in engine profiles. <c>vllm</c> (the default) is fitted by <see cref="Calibration.EfficiencyFit"/> on
/// Splitwise's Llama-2-70B tensor-parallel-4 medians on H100 and A100 (<see cref="Calibration.SplitwiseMeasurements"/>);
/// the test that refits them checks these figures. GPU types with no measurements borrow from the nearest fitted
/// type: H200 (the H100's die with more and faster memory) and B200 (its successor) from the H100, the L40S (no
/// NVLink, GDDR memory) from the A100. Those are assumptions until measurements of their own are added.
/// </summary>
public static class EngineProfiles
{
    private static readonly Dictionary<string, string> s_borrowed = new(StringComparer.Ordinal)
    {
        ["H200"] = "H100",
        ["B200"] = "H100",
        ["L40S"] = "A100",
    };

    /// <summary>vLLM as Splitwise measured it (2023): fitted.</summary>
    public static EngineProfile Vllm { get; } = new(
        "vllm",
        StepOverheadSeconds: 7.976e-3,
        PerSequenceSeconds: 0.3243e-3,
        AttentionEfficiency: 0.101,
        new Dictionary<string, Efficiency>(StringComparer.Ordinal)
        {
            ["H100"] = new(Compute: 0.462, Memory: 0.800),
            ["A100"] = new(Compute: 0.628, Memory: 0.601),
        },
        s_borrowed,
        "fitted on Splitwise's Llama-2-70B TP4 medians, H100 and A100 (Mutinifni/splitwise-sim data/perf_model.csv)");

    private static readonly EngineProfile[] s_all = [Vllm];

    /// <summary>Every built-in profile.</summary>
    public static IReadOnlyList<EngineProfile> All => s_all;

    /// <summary>The profile named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static EngineProfile? Find(string? name) =>
        s_all.FirstOrDefault(p => string.Equals(p.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The built-in names, for messages.</summary>
    public static string Names => string.Join(", ", s_all.Select(p => p.Name));
}
