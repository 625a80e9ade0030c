namespace Selene.Simulation.Planning;

/// <summary>One configuration the search evaluated: its values, what it costs and how it met each constraint over the seeds.</summary>
/// <param name="Indexes">Each decision's value, as its position in the decision's list.</param>
/// <param name="Values">Each decision's value as written in the scenario.</param>
/// <param name="Cost">The decisions' costs plus the prices times the measured quantities (means over seeds).</param>
/// <param name="Feasible">True when every run finished and every constraint's column holds at the plan's confidence.</param>
/// <param name="Margins">Every constraint's columns: positive where it holds with room to spare, negative where it fails.</param>
/// <param name="Front">The front metric's worst column (mean over seeds), NaN when the runs failed.</param>
/// <param name="Runs">Runs with results.</param>
/// <param name="Failure">Why a run failed, or null.</param>
public sealed record PlanCandidate(
    IReadOnlyList<int> Indexes,
    IReadOnlyList<string> Values,
    double Cost,
    bool Feasible,
    IReadOnlyList<ConstraintMargin> Margins,
    double Front,
    int Runs,
    string? Failure)
{
    /// <summary>The tightest margin (the constraint column nearest to failing), or −∞ when the runs failed.</summary>
    public double WorstMargin => Failure is not null || Margins.Count == 0 ? double.NegativeInfinity : Margins.Min(m => m.Margin);
}

/// <summary>How one column of a constraint's metric stood: its mean over seeds, its confidence bound and the margin to the threshold.</summary>
/// <param name="Constraint">The constraint.</param>
/// <param name="Column">The metric's column (a <c>*</c> replaced by the item's name).</param>
/// <param name="Mean">Mean over seeds.</param>
/// <param name="Bound">The one-sided confidence bound: lower for atLeast, upper for atMost (the mean with one seed).</param>
/// <param name="Margin">Bound − threshold for atLeast, threshold − bound for atMost: not negative when it holds.</param>
public sealed record ConstraintMargin(PlanConstraint Constraint, string Column, double Mean, double Bound, double Margin);
