using System.Globalization;
using System.Net;
using System.Text;
using ScottPlot;
using Selene.Core.Time;

namespace Selene.Simulation.Sweeps;

/// <summary>
/// <c>sweep-report.html</c>: per collected metric and varied parameter, the mean over seeds against the parameter's
/// values with its 95% confidence band, one line per combination of the other parameters; and the summary table.
/// Self-contained (plots embedded as PNG).
/// </summary>
public static class SweepReport
{
    /// <summary>The report's HTML.</summary>
    public static string Html(SweepResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Sweep</title>")
            .Append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}</style></head><body>")
            .Append(CultureInfo.InvariantCulture, $"<h1>Sweep of {E(results.Plan.Spec.Scenario)}</h1><p>{results.Rows.Count} of {results.Plan.Runs.Count} runs with results")
            .Append(CultureInfo.InvariantCulture, $"{(results.Missing.Count > 0 ? $"; missing {string.Join(", ", results.Missing)}" : "")}{(results.Failed.Count > 0 ? $"; failed {string.Join(", ", results.Failed.Select(f => f.Index))}" : "")}.</p>");
        var summary = results.Summary();
        for (var p = 0; p < results.Plan.Spec.Vary.Count; p++)
        {
            foreach (var metric in results.Columns)
            {
                var png = Plot(summary.Where(s => s.Metric == metric).ToList(), p, results.Plan.Spec.Vary[p].Path.Text, metric);
                html.Append(CultureInfo.InvariantCulture, $"<figure><img alt=\"{E(metric)}\" src=\"data:image/png;base64,{Convert.ToBase64String(png)}\"><figcaption>{E(metric)} against {E(results.Plan.Spec.Vary[p].Path.Text)}: mean over seeds, 95% confidence band</figcaption></figure>");
            }
        }

        html.Append("<h2>Summary</h2><table><tr><th>variant</th>");
        foreach (var parameter in results.Plan.Spec.Vary)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>{E(parameter.Path.Text)}</th>");
        }

        html.Append("<th>metric</th><th>runs</th><th>mean</th><th>sd</th><th>95% CI</th></tr>");
        foreach (var s in summary)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{s.Variant}</td>");
            foreach (var (_, value) in s.Values)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td>{E(value)}</td>");
            }

            html.Append(CultureInfo.InvariantCulture, $"<td>{E(s.Metric)}</td><td>{s.Runs}</td><td>{N(s.Mean)}</td><td>{N(s.StandardDeviation)}</td><td>{N(s.Low)} … {N(s.High)}</td></tr>");
        }

        return html.Append("</table></body></html>\n").ToString();
    }

    // The metric against parameter p, a line (with its band) per combination of the other parameters' values.
    private static byte[] Plot(List<SweepResults.SummaryRow> rows, int parameter, string parameterName, string metric)
    {
        var plot = new Plot();
        foreach (var line in rows.GroupBy(r => string.Join(", ", r.Values.Where((_, i) => i != parameter).Select(v => $"{v.Path} = {v.Value}"))))
        {
            var points = line.Select(r => (X: Number(r.Values[parameter].Value, r.Variant), r.Mean, r.Low, r.High)).OrderBy(x => x.X).ToArray();
            if (points.All(x => !double.IsNaN(x.Low)))
            {
                var band = plot.Add.FillY(points.Select(x => x.X).ToArray(), points.Select(x => x.Low).ToArray(), points.Select(x => x.High).ToArray());
                band.FillStyle.Color = band.FillStyle.Color.WithAlpha(0.25);
                band.LineStyle.Width = 0;
            }

            var mean = plot.Add.Scatter(points.Select(x => x.X).ToArray(), points.Select(x => x.Mean).ToArray());
            mean.LegendText = line.Key.Length == 0 ? metric : line.Key;
        }

        plot.Title(metric);
        plot.XLabel(parameterName);
        plot.YLabel(metric);
        plot.ShowLegend(Edge.Bottom);
        return plot.GetImageBytes(900, 450, ImageFormat.Png);
    }

    // A value as a number on the axis: a number, a duration in seconds, or else the variant's index.
    private static double Number(string value, int fallback) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x
        : DurationText.TryParseSeconds(value, out var seconds) ? seconds
        : fallback;

    private static string N(double value) => double.IsNaN(value) ? "" : value.ToString("0.######", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
