using System.Globalization;
using System.Net;
using System.Text;
using ScottPlot;

namespace Selene.Simulation.Planning;

/// <summary>
/// <c>plan-report.html</c>: the chosen configuration with its cost and constraints' margins, the cost–front Pareto
/// front over every evaluated candidate (the chosen one marked), and the candidates in the order they were evaluated.
/// Self-contained (the plot embedded as PNG).
/// </summary>
public static class PlanReport
{
    /// <summary>The report's HTML.</summary>
    public static string Html(PlanOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var spec = outcome.Spec;
        var html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Plan</title>")
            .Append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}.no{color:#a00}</style></head><body>")
            .Append(CultureInfo.InvariantCulture, $"<h1>Plan for {E(spec.Scenario)}</h1><p>{outcome.Candidates.Count} of {outcome.GridSize} configurations evaluated, {outcome.Seeds.Count} seeds each; constraints at {spec.Confidence:0.###} one-sided confidence.</p>");
        if (outcome.Chosen is { } chosen)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>Cheapest configuration: cost {N(chosen.Cost)}</h2><table><tr><th>decision</th><th>value</th><th>cost</th></tr>");
            for (var d = 0; d < spec.Decisions.Count; d++)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(spec.Decisions[d].Path.Text)}</td><td>{E(chosen.Values[d])}</td><td>{N(spec.Decisions[d].Costs[chosen.Indexes[d]])}</td></tr>");
            }

            html.Append("</table><h2>Constraints</h2>");
            Margins(html, chosen.Margins);
            if (outcome.Verification is { } verification)
            {
                html.Append(CultureInfo.InvariantCulture, $"<h2>Run again with {outcome.VerificationSeeds.Count} seeds it was not chosen on: {(verification.Feasible ? "it holds" : "<span class=\"no\">it does not hold</span>")}</h2>");
                Margins(html, verification.Margins);
            }
        }
        else
        {
            html.Append("<h2 class=\"no\">No configuration within the decisions' values meets the constraints</h2>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<figure><img alt=\"Pareto front\" src=\"data:image/png;base64,{Convert.ToBase64String(Plot(outcome))}\"><figcaption>Cost against {E(spec.Front.Text)} (worst column, mean over seeds) for every evaluated configuration; the line joins the Pareto front.</figcaption></figure>");
        html.Append("<h2>Candidates, in the order evaluated</h2><table><tr><th>#</th>");
        foreach (var decision in spec.Decisions)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>{E(decision.Path.Text)}</th>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<th>cost</th><th>{E(spec.Front.Text)}</th><th>worst margin</th><th>feasible</th></tr>");
        for (var i = 0; i < outcome.Candidates.Count; i++)
        {
            var c = outcome.Candidates[i];
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{i}</td>");
            foreach (var value in c.Values)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td>{E(value)}</td>");
            }

            html.Append(CultureInfo.InvariantCulture, $"<td>{N(c.Cost)}</td><td>{N(c.Front)}</td><td>{N(c.WorstMargin)}</td><td>{(c.Feasible ? "yes" : c.Failure is null ? "no" : E("failed: " + c.Failure))}</td></tr>");
        }

        return html.Append("</table></body></html>\n").ToString();
    }

    private static void Margins(StringBuilder html, IReadOnlyList<ConstraintMargin> margins)
    {
        html.Append("<table><tr><th>constraint</th><th>column</th><th>mean</th><th>bound</th><th>margin</th></tr>");
        foreach (var m in margins)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(m.Constraint.ToString())}</td><td>{E(m.Column)}</td><td>{N(m.Mean)}</td><td>{N(m.Bound)}</td><td>{N(m.Margin)}</td></tr>");
        }

        html.Append("</table>");
    }

    private static byte[] Plot(PlanOutcome outcome)
    {
        var plot = new Plot();
        var feasible = outcome.Candidates.Where(c => c.Feasible && !double.IsNaN(c.Front)).ToList();
        var infeasible = outcome.Candidates.Where(c => !c.Feasible && !double.IsNaN(c.Front)).ToList();
        if (feasible.Count > 0)
        {
            var points = plot.Add.ScatterPoints(feasible.Select(c => c.Cost).ToArray(), feasible.Select(c => c.Front).ToArray());
            points.LegendText = "meets the constraints";
            points.MarkerShape = MarkerShape.FilledCircle;
        }

        if (infeasible.Count > 0)
        {
            var points = plot.Add.ScatterPoints(infeasible.Select(c => c.Cost).ToArray(), infeasible.Select(c => c.Front).ToArray());
            points.LegendText = "fails a constraint";
            points.MarkerShape = MarkerShape.Eks;
            points.Color = Colors.Gray;
        }

        var front = outcome.ParetoFront();
        if (front.Count > 0)
        {
            var line = plot.Add.Scatter(front.Select(c => c.Cost).ToArray(), front.Select(c => c.Front).ToArray());
            line.LegendText = "Pareto front";
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.MarkerSize = 0;
        }

        if (outcome.Chosen is { } chosen && !double.IsNaN(chosen.Front))
        {
            var marker = plot.Add.Marker(chosen.Cost, chosen.Front, MarkerShape.OpenCircle, 16, Colors.Red);
            marker.LegendText = "chosen";
        }

        plot.Title("Cost against " + outcome.Spec.Front.Text);
        plot.XLabel("cost");
        plot.YLabel(outcome.Spec.Front.Text);
        plot.ShowLegend(Edge.Bottom);
        return plot.GetImageBytes(900, 500, ImageFormat.Png);
    }

    private static string N(double value) => double.IsNaN(value) ? "" : double.IsNegativeInfinity(value) ? "−∞" : value.ToString("0.######", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
