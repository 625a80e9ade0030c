using System.Globalization;
using System.Text;
using Selene.Simulation.Sweeps;

namespace Selene.Simulation.Planning;

/// <summary>What a plan found: the cheapest feasible configuration (or none), and every configuration evaluated on the way.</summary>
/// <param name="Spec">The plan.</param>
/// <param name="Chosen">The cheapest feasible configuration found, or null when even the largest fails a constraint.</param>
/// <param name="Candidates">Every configuration evaluated, in the order the search asked for them.</param>
/// <param name="Seeds">The seeds each ran with.</param>
public sealed record PlanOutcome(PlanSpec Spec, PlanCandidate? Chosen, IReadOnlyList<PlanCandidate> Candidates, IReadOnlyList<ulong> Seeds)
{
    /// <summary>The chosen configuration run again with seeds it was not chosen on (<see cref="PlanSpec.VerifySeeds"/>), or null.</summary>
    public PlanCandidate? Verification { get; init; }

    /// <summary>The seeds of <see cref="Verification"/>.</summary>
    public IReadOnlyList<ulong> VerificationSeeds { get; init; } = [];

    /// <summary>How many configurations the decisions' values span: what an exhaustive search would evaluate.</summary>
    public long GridSize => Spec.Decisions.Aggregate(1L, (n, d) => n * d.Values.Count);

    /// <summary>
    /// The cost–front Pareto front: the candidates whose runs finished and which no other beats on both cost (lower) and
    /// the front metric (higher), by rising cost.
    /// </summary>
    public IReadOnlyList<PlanCandidate> ParetoFront()
    {
        var finished = Candidates.Where(c => c.Failure is null && !double.IsNaN(c.Front)).ToList();
        return finished
            .Where(c => !finished.Any(o => o.Cost <= c.Cost && o.Front >= c.Front && (o.Cost < c.Cost || o.Front > c.Front)))
            .OrderBy(c => c.Cost).ThenByDescending(c => c.Front)
            .ToList();
    }

    /// <summary>A row per candidate in the order evaluated: its values, cost, feasibility, front metric, failure and every constraint column's margin.</summary>
    public string CandidatesCsv()
    {
        var columns = Candidates.SelectMany(c => c.Margins).Select(Heading).Distinct().ToList();
        var csv = new StringBuilder();
        csv.AppendJoin(',', Spec.Decisions.Select(d => d.Path.Text).Prepend("candidate").Concat(["cost", "feasible", Spec.Front.Text, "failure"])
            .Concat(columns.Select(c => "margin " + c)).Select(SweepResults.Quote)).Append('\n');
        for (var i = 0; i < Candidates.Count; i++)
        {
            var c = Candidates[i];
            var margins = c.Margins.ToDictionary(Heading, m => m.Margin);
            csv.AppendJoin(',', c.Values.Select(SweepResults.Quote).Prepend(i.ToString(CultureInfo.InvariantCulture))
                .Concat([Number(c.Cost), c.Feasible ? "true" : "false", Number(c.Front), SweepResults.Quote(c.Failure ?? "")])
                .Concat(columns.Select(k => margins.TryGetValue(k, out var m) ? Number(m) : "")))
                .Append('\n');
        }

        return csv.ToString();
    }

    private static string Heading(ConstraintMargin margin) =>
        $"{margin.Column} {(margin.Constraint.Bound == PlanBound.AtLeast ? ">=" : "<=")} {margin.Constraint.Threshold.ToString("R", CultureInfo.InvariantCulture)}";

    private static string Number(double value) => double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);
}
