using Selene.Simulation.Sweeps;

namespace Selene.Simulation.Planning;

/// <summary>
/// A validated plan file: the base scenario, the decision variables with what each value costs, prices on measured
/// quantities, and the constraints the cheapest configuration must meet at the chosen confidence over seeds.
/// </summary>
/// <param name="File">The plan file.</param>
/// <param name="Scenario">The base scenario: a built-in name, or a file relative to the plan file's folder.</param>
/// <param name="DurationSeconds">A duration that overrides the scenario's, or null.</param>
/// <param name="Seeds">The seeds each candidate runs with (offsets from the scenario's seed unless listed).</param>
/// <param name="SeedsListed">True when the seeds were listed rather than counted.</param>
/// <param name="Confidence">The one-sided confidence at which every constraint must hold over the seeds.</param>
/// <param name="Decisions">What may change, each with its values from least to most capacity.</param>
/// <param name="Prices">Prices on measured quantities (energy, GPU-seconds), added to the decisions' costs.</param>
/// <param name="Constraints">What every acceptable configuration meets.</param>
/// <param name="Front">The metric plotted against cost in the Pareto front (its worst column).</param>
public sealed record PlanSpec(
    string File,
    string Scenario,
    double? DurationSeconds,
    IReadOnlyList<ulong> Seeds,
    bool SeedsListed,
    double Confidence,
    IReadOnlyList<PlanDecision> Decisions,
    IReadOnlyList<PlanPrice> Prices,
    IReadOnlyList<PlanConstraint> Constraints,
    MetricPath Front)
{
    /// <summary>
    /// Seeds the chosen configuration runs with again once found, none of them among <see cref="Seeds"/>: the cheapest of
    /// many noisy candidates tends to be one its seeds flattered, and these say whether it holds on others (0: none).
    /// </summary>
    public int VerifySeeds { get; init; }

    /// <summary>Every metric a candidate's runs must report: the constraints', the prices' and the front's.</summary>
    public IReadOnlyList<MetricPath> Collected =>
        Constraints.Select(c => c.Metric).Concat(Prices.Select(p => p.Metric)).Append(Front).DistinctBy(m => m.Text).ToList();
}

/// <summary>A decision variable: a place in the scenario, the values it may take in order of capacity, and each one's cost.</summary>
/// <param name="Parameter">The path and its values, from least to most capacity.</param>
/// <param name="Costs">The cost of each value, in the same order.</param>
public sealed record PlanDecision(SweepParameter Parameter, IReadOnlyList<double> Costs)
{
    /// <summary>The path it sets.</summary>
    public ScenarioPath Path => Parameter.Path;

    /// <summary>Its values, from least to most capacity.</summary>
    public IReadOnlyList<string> Values => Parameter.Values;
}

/// <summary>A price on a measured quantity: the mean over seeds of every column the metric names, times the price.</summary>
/// <param name="Metric">What is measured (e.g. <c>tenants[*].serving.energyKwh</c>).</param>
/// <param name="Price">Cost per unit of it.</param>
public sealed record PlanPrice(MetricPath Metric, double Price);

/// <summary>Which side of its threshold a constraint keeps a metric on.</summary>
public enum PlanBound
{
    /// <summary>The metric's lower confidence bound is at least the threshold.</summary>
    AtLeast,

    /// <summary>The metric's upper confidence bound is at most the threshold.</summary>
    AtMost,
}

/// <summary>A constraint on every column of a metric, held at the plan's confidence over seeds.</summary>
/// <param name="Metric">The metric (every column of a <c>*</c> path must meet it).</param>
/// <param name="Bound">Which side.</param>
/// <param name="Threshold">The threshold.</param>
public sealed record PlanConstraint(MetricPath Metric, PlanBound Bound, double Threshold)
{
    /// <inheritdoc />
    public override string ToString() => $"{Metric} {(Bound == PlanBound.AtLeast ? "≥" : "≤")} {Threshold.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)}";
}
