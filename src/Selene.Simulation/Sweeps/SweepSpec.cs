namespace Selene.Simulation.Sweeps;

/// <summary>How the varied parameters combine into variants.</summary>
public enum SweepCombine
{
    /// <summary>Every combination of every parameter's values.</summary>
    Cross,

    /// <summary>The i-th value of every parameter together (all lists the same length).</summary>
    Zip,
}

/// <summary>One varied parameter: where it goes in the scenario and the values it takes.</summary>
/// <param name="Path">The place in the scenario.</param>
/// <param name="Values">The values, as they would be written in the scenario.</param>
/// <param name="Line">The line of the sweep file that gives it, for diagnostics.</param>
public sealed record SweepParameter(ScenarioPath Path, IReadOnlyList<string> Values, int Line);

/// <summary>A validated sweep file: a base scenario, seeds, varied parameters and the metrics to collect.</summary>
/// <param name="File">The sweep file.</param>
/// <param name="Scenario">The base scenario: a built-in name, or a file (relative to the sweep file's folder).</param>
/// <param name="DurationSeconds">A duration that overrides the scenario's, or null.</param>
/// <param name="Seeds">The seeds each variant runs with (offsets from the scenario's seed when a count was given).</param>
/// <param name="Vary">The varied parameters.</param>
/// <param name="Combine">How they combine.</param>
/// <param name="Collect">The metrics each run contributes to the results table.</param>
public sealed record SweepSpec(
    string File,
    string Scenario,
    double? DurationSeconds,
    IReadOnlyList<ulong> Seeds,
    IReadOnlyList<SweepParameter> Vary,
    SweepCombine Combine,
    IReadOnlyList<MetricPath> Collect)
{
    /// <summary>True when the seeds were listed; false when a count (0 … N − 1, offsets from the scenario's seed) was given.</summary>
    public bool SeedsListed { get; init; }
}
