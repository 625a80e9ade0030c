namespace Selene.Serving.Hardware;

/// <summary>
/// How well one serving engine drives the hardware: its efficiencies per GPU type and its fixed costs per step.
/// A different engine on the same GPU runs at a different share of peak, so these belong to the engine, not to the
/// GPU. The step-time model is <c>max(compute, memory) + tensor-parallel all-reduce + StepOverhead +
/// PerSequence × sequences</c>.
/// </summary>
/// <param name="Name">Profile name (<c>vllm</c>, ...).</param>
/// <param name="StepOverheadSeconds">Fixed cost of a step: scheduling, kernel launches, sampling.</param>
/// <param name="PerSequenceSeconds">Cost per sequence in the step (input preparation, sampling, detokenising).</param>
/// <param name="AttentionEfficiency">Share of the dense peak attention's own FLOPs reach (below the GEMMs': softmax and masking between the matrix products).</param>
/// <param name="Efficiencies">Efficiency per GPU type that was fitted.</param>
/// <param name="Borrowed">GPU types with no measurements of their own, and the fitted type whose efficiencies they take.</param>
/// <param name="Source">What the figures were fitted on.</param>
public sealed record EngineProfile(
    string Name,
    double StepOverheadSeconds,
    double PerSequenceSeconds,
    double AttentionEfficiency,
    IReadOnlyDictionary<string, Efficiency> Efficiencies,
    IReadOnlyDictionary<string, string> Borrowed,
    string Source)
{
    /// <summary>The efficiencies on <paramref name="gpu"/>: its own, or those of the type it borrows from; null when neither.</summary>
    public Efficiency? For(string gpu)
    {
        if (Efficiencies.TryGetValue(gpu, out var own))
        {
            return own;
        }

        return Borrowed.TryGetValue(gpu, out var from) && Efficiencies.TryGetValue(from, out var borrowed) ? borrowed : null;
    }
}
