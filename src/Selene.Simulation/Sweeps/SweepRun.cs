namespace Selene.Simulation.Sweeps;

/// <summary>One run of a sweep: its place in the fixed order, its key, seed and variant, and the scenario it resolves to.</summary>
/// <param name="Index">Its index, 0 … N − 1 (an Indexed Job's completion index).</param>
/// <param name="Key">Hash of the resolved scenario, its manifests, the seed and Selene's version: its folder under runs/.</param>
/// <param name="Variant">Index of its variant (combination of varied values).</param>
/// <param name="Seed">Its seed.</param>
/// <param name="Values">The varied parameters' values, by path.</param>
/// <param name="ScenarioYaml">The resolved scenario, manifests named <c>manifests/…</c> beside it.</param>
/// <param name="Manifests">The manifests it names, by the relative path it names them with.</param>
public sealed record SweepRun(
    int Index,
    string Key,
    int Variant,
    ulong Seed,
    IReadOnlyList<(string Path, string Value)> Values,
    string ScenarioYaml,
    IReadOnlyDictionary<string, string> Manifests);
