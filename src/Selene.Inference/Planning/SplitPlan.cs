namespace Selene.Inference.Planning;

/// <summary>A plan: every candidate (each valid cut under each allowed codec) with its cost terms, and the choice.</summary>
/// <param name="Options">What it was planned for.</param>
/// <param name="Candidates">Every candidate, best first by the plan's objective; for a graph with too many cuts to list, those along its node order and the minimum cut.</param>
/// <param name="Best">The chosen candidate.</param>
/// <param name="AllPrefix">Everything on the request's side.</param>
/// <param name="AllSuffix">Everything across the link (the best codec for the input).</param>
public sealed record SplitPlan(PlanOptions Options, IReadOnlyList<CandidateCost> Candidates, CandidateCost Best, CandidateCost AllPrefix, CandidateCost AllSuffix)
{
    /// <summary>False when the graph had too many cuts to list and the table holds only those along its node order and the minimum cut.</summary>
    public bool AllCutsListed { get; init; } = true;
}
