using System.Text.Json;
using Selene.Simulation.Sweeps;

namespace Selene.Simulation.Planning;

/// <summary>Turns a candidate's runs (one metrics.json per seed) into its cost and its constraints' margins.</summary>
public static class PlanEvaluation
{
    /// <summary>
    /// Evaluates the candidate at <paramref name="indexes"/> from the metrics of its runs; <paramref name="failure"/>
    /// (a run that failed) makes it infeasible whatever the others say.
    /// </summary>
    public static PlanCandidate Candidate(PlanSpec spec, IReadOnlyList<int> indexes, IReadOnlyList<JsonElement> runs, string? failure = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(indexes);
        ArgumentNullException.ThrowIfNull(runs);
        var values = indexes.Select((v, d) => spec.Decisions[d].Values[v]).ToList();
        var cost = indexes.Select((v, d) => spec.Decisions[d].Costs[v]).Sum();
        if (failure is not null || runs.Count == 0)
        {
            return new PlanCandidate(indexes, values, cost, false, [], double.NaN, runs.Count, failure ?? "no run has results");
        }

        foreach (var price in spec.Prices)
        {
            cost += price.Price * Columns(price.Metric, runs).Sum(c => c.Samples.Average());
        }

        var margins = new List<ConstraintMargin>();
        foreach (var constraint in spec.Constraints)
        {
            var columns = Columns(constraint.Metric, runs);
            foreach (var (column, samples) in columns)
            {
                margins.Add(Margin(constraint, column, samples, spec.Confidence));
            }

            if (columns.Count == 0)
            {
                // A constraint the runs report nothing for cannot be shown to hold.
                margins.Add(new ConstraintMargin(constraint, constraint.Metric.Text, double.NaN, double.NaN, double.NegativeInfinity));
            }
        }

        var front = Columns(spec.Front, runs).Select(c => c.Samples.Average()).DefaultIfEmpty(double.NaN).Min();
        var feasible = margins.Count > 0 && margins.All(m => m.Margin >= 0);
        return new PlanCandidate(indexes, values, cost, feasible, margins, front, runs.Count, null);
    }

    /// <summary>
    /// One column's margin: the one-sided Student's t bound at <paramref name="confidence"/> over the seeds (the mean
    /// itself with one seed) against the constraint's threshold.
    /// </summary>
    public static ConstraintMargin Margin(PlanConstraint constraint, string column, IReadOnlyCollection<double> samples, double confidence)
    {
        ArgumentNullException.ThrowIfNull(constraint);
        ArgumentNullException.ThrowIfNull(samples);
        var (mean, _, interval) = StudentT.Interval(samples, confidence);
        var half = double.IsNaN(interval) ? 0 : interval;

        return constraint.Bound == PlanBound.AtLeast
            ? new ConstraintMargin(constraint, column, mean, mean - half, mean - half - constraint.Threshold)
            : new ConstraintMargin(constraint, column, mean, mean + half, constraint.Threshold - (mean + half));
    }

    // Every column the metric names, with its value in each run (a column some run lacks is left out).
    private static List<(string Column, List<double> Samples)> Columns(MetricPath metric, IReadOnlyList<JsonElement> runs)
    {
        var columns = new List<(string Column, List<double> Samples)>();
        foreach (var run in runs)
        {
            foreach (var (column, value) in metric.Read(run).Values)
            {
                var index = columns.FindIndex(c => c.Column == column);
                if (index < 0)
                {
                    columns.Add((column, [value]));
                }
                else
                {
                    columns[index].Samples.Add(value);
                }
            }
        }

        return columns.Where(c => c.Samples.Count == runs.Count).ToList();
    }
}
