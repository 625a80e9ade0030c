using System.Globalization;
using ScottPlot;
using Selene.Simulation.Metrics;

namespace Selene.Simulation.Reporting;

/// <summary>Draws the report's plots with ScottPlot, as PNG bytes.</summary>
public static class PlotRenderer
{
    private const int Width = 900;
    private const int Height = 450;

    private static readonly (double Seconds, string Label)[] s_latencyTicks =
    [
        (0.001, "1 ms"), (0.01, "10 ms"), (0.1, "100 ms"), (1, "1 s"), (10, "10 s"), (60, "1 min"), (600, "10 min"),
        (3600, "1 h"), (6 * 3600, "6 h"), (86_400, "1 d"), (7 * 86_400, "1 w"),
    ];

    /// <summary>Latency CDF per tenant, latency on a logarithmic axis, each budget as a dashed line.</summary>
    public static byte[] LatencyCdf(MetricsDocument metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var index = 0;
        foreach (var tenant in metrics.Tenants.Where(t => t.LatencyCdf.Count > 0))
        {
            var color = palette.GetColor(index++);
            var xs = tenant.LatencyCdf.Select(p => Math.Log10(Math.Max(p[0], 1e-6))).ToArray();
            var ys = tenant.LatencyCdf.Select(p => p[1]).ToArray();
            var line = plot.Add.Scatter(xs, ys, color);
            line.LegendText = tenant.Name;
            line.MarkerSize = 0;
            var budget = plot.Add.VerticalLine(Math.Log10(tenant.BudgetSeconds), 1, color);
            budget.LinePattern = LinePattern.Dashed;
        }

        return CdfImage(plot, "End-to-end latency CDF per tenant (dashed: budget)", "latency (log scale)");
    }

    // A CDF over a logarithmic time axis labelled in people's units.
    private static byte[] CdfImage(Plot plot, string title, string xLabel)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var (seconds, label) in s_latencyTicks)
        {
            ticks.AddMajor(Math.Log10(seconds), label);
        }

        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.SetLimitsY(0, 1.02);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel("fraction of served requests");
        plot.ShowLegend(Alignment.LowerRight);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>A split model's end-to-end latency against the link's bandwidth (both logarithmic): all on Earth, all on the Moon, the best split.</summary>
    public static byte[] SplitSweep(SplitPlanMetrics plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var xs = plan.Sweep.Select(p => Math.Log10(p.ForwardMbps)).ToArray();
        foreach (var (index, label, ys) in new[]
        {
            (0, "all on Earth", plan.Sweep.Select(p => p.AllPrefixSeconds)),
            (1, "all on the Moon", plan.Sweep.Select(p => p.AllSuffixSeconds)),
            (2, "best split", plan.Sweep.Select(p => p.BestSeconds)),
        })
        {
            var line = plot.Add.Scatter(xs, ys.Select(y => Math.Log10(Math.Max(y, 1e-6))).ToArray(), palette.GetColor(index));
            line.LegendText = label;
            line.MarkerSize = index == 2 ? 6 : 0;
            line.LinePattern = index == 2 ? LinePattern.Dashed : LinePattern.Solid;
        }

        var bottom = new ScottPlot.TickGenerators.NumericManual();
        foreach (var mbps in plan.Sweep.Select(p => p.ForwardMbps))
        {
            bottom.AddMajor(Math.Log10(mbps), mbps.ToString("0", CultureInfo.InvariantCulture));
        }

        var left = new ScottPlot.TickGenerators.NumericManual();
        foreach (var (seconds, label) in new[] { (1e-4, "0.1 ms"), (1e-3, "1 ms"), (1e-2, "10 ms"), (0.1, "100 ms"), (1.0, "1 s"), (10.0, "10 s"), (100.0, "100 s") })
        {
            left.AddMajor(Math.Log10(seconds), label);
        }

        plot.Axes.Bottom.TickGenerator = bottom;
        plot.Axes.Left.TickGenerator = left;
        plot.Title($"{plan.Tenant}: {plan.Model} split over {plan.Link} (Earth {plan.PrefixDevice}, Moon {plan.SuffixDevice})");
        plot.XLabel("Earth → Moon bandwidth (Mbit/s, log scale)");
        plot.YLabel("end-to-end latency (log scale)");
        plot.ShowLegend(Alignment.UpperRight);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>A lunar site's power under the scenario's controller: array output and draw (kW, left), state of charge and node temperature (right).</summary>
    public static byte[] Power(PowerSiteMetrics site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var plot = new Plot();
        var days = Enumerable.Range(0, site.SolarWatts.Length).Select(i => (i + 0.5) * site.BinSeconds / 86_400).ToArray();
        foreach (var (values, label) in new[] { (site.SolarWatts, "array output (kW)"), (site.UsedWatts, "node draw (kW)") })
        {
            var line = plot.Add.Scatter(days, values.Select(w => w / 1000).ToArray());
            line.MarkerSize = 0;
            line.LegendText = label;
        }

        foreach (var (values, label, pattern) in new[]
        {
            (site.StateOfCharge.Select(x => 100 * x).ToArray(), "state of charge (%)", LinePattern.Dotted),
            (site.NodeKelvin.Select(k => k - 273.15).ToArray(), "node temperature (°C)", LinePattern.Dashed),
        })
        {
            var line = plot.Add.Scatter(days, values);
            line.MarkerSize = 0;
            line.LegendText = label;
            line.LinePattern = pattern;
            line.Axes.YAxis = plot.Axes.Right;
        }

        plot.Title($"Power at {site.Site} under {site.Policy} control");
        plot.XLabel("day");
        plot.YLabel("kW");
        plot.Axes.Right.Label.Text = "% charged, °C";
        plot.ShowLegend(Alignment.LowerRight);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>A store's state of charge over time, in days, with its reserve as a dashed line when it has one.</summary>
    public static byte[] StateOfCharge(string title, double binSeconds, IReadOnlyList<double> stateOfCharge, double? reserve = null)
    {
        ArgumentNullException.ThrowIfNull(stateOfCharge);
        var plot = new Plot();
        var days = Enumerable.Range(0, stateOfCharge.Count).Select(i => (i + 1) * binSeconds / 86_400).ToArray();
        var line = plot.Add.Scatter(days, stateOfCharge.Select(x => 100 * x).ToArray());
        line.MarkerSize = 0;
        line.LegendText = "state of charge";
        if (reserve is { } level)
        {
            var dashed = plot.Add.HorizontalLine(100 * level);
            dashed.LinePattern = LinePattern.Dashed;
            dashed.LegendText = "reserve";
        }

        plot.Axes.SetLimitsY(0, 102);
        plot.Title(title);
        plot.XLabel("day");
        plot.YLabel("state of charge (%)");
        plot.ShowLegend(Alignment.LowerRight);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>GPU utilisation per site over time.</summary>
    public static byte[] Utilisation(MetricsDocument metrics) =>
        SiteSeries(metrics, s => s.Series.Utilisation, "GPU utilisation per site", "busy / online GPUs");

    /// <summary>Time to first token (solid) and time per output token (dashed) CDFs of each serving tenant, log scale.</summary>
    public static byte[] TokenLatency(MetricsDocument metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var index = 0;
        foreach (var tenant in metrics.Tenants.Where(t => t.Serving is { TtftCdf.Count: > 0 }))
        {
            var color = palette.GetColor(index++);
            foreach (var (cdf, name, dashed) in new[] { (tenant.Serving!.TtftCdf, "TTFT", false), (tenant.Serving.TpotCdf, "TPOT", true) })
            {
                var line = plot.Add.Scatter(cdf.Select(p => Math.Log10(Math.Max(p[0], 1e-6))).ToArray(), cdf.Select(p => p[1]).ToArray(), color);
                line.LegendText = $"{tenant.Name} {name}";
                line.MarkerSize = 0;
                line.LinePattern = dashed ? LinePattern.Dashed : LinePattern.Solid;
            }
        }

        return CdfImage(plot, "Time to first token (solid) and per output token (dashed)", "seconds (log scale)");
    }

    /// <summary>Per serving tenant over time: replicas, the autoscaler's count, and running requests per replica (its mean batch).</summary>
    public static byte[] Replicas(MetricsDocument metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var index = 0;
        foreach (var tenant in metrics.Tenants.Where(t => t.Serving is not null))
        {
            var serving = tenant.Serving!;
            var color = palette.GetColor(index++);
            var days = Enumerable.Range(0, serving.Replicas.Length).Select(i => (i + 1) * serving.BinSeconds / 86_400).ToArray();
            var replicas = plot.Add.Scatter(days, serving.Replicas, color);
            replicas.LegendText = $"{tenant.Name} replicas";
            replicas.MarkerSize = 0;
            var batch = plot.Add.Scatter(days, serving.MeanBatch, color);
            batch.LegendText = $"{tenant.Name} batch per replica";
            batch.MarkerSize = 0;
            batch.LinePattern = LinePattern.Dashed;
            if (serving.Autoscaling is { Decisions.Count: > 0 } scaling)
            {
                // The autoscaler's count, as asked for: it leads the replicas by the load time.
                var end = serving.Replicas.Length * serving.BinSeconds;
                var xs = scaling.Decisions.Select(d => d[0] / 86_400).Prepend(0).Append(end / 86_400).ToArray();
                var ys = scaling.Decisions.Select(d => d[1]).Prepend(scaling.Initial).Append(scaling.Decisions[^1][1]).ToArray();
                var desired = plot.Add.Scatter(xs, ys, color);
                desired.LegendText = $"{tenant.Name} asked for";
                desired.MarkerSize = 0;
                desired.LinePattern = LinePattern.Dotted;
                desired.ConnectStyle = ConnectStyle.StepHorizontal;
            }
        }

        plot.Title("Replicas (solid), as the autoscaler asked (dotted), running requests per replica (dashed)");
        plot.XLabel("simulated time (days)");
        plot.YLabel("mean per bin");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>Queue length per site over time.</summary>
    public static byte[] QueueLength(MetricsDocument metrics) =>
        SiteSeries(metrics, s => s.Series.QueueLength, "Queue length per site", "requests waiting (mean per bin)");

    /// <summary>GPUs online per site over time: capacity as a schedule.</summary>
    public static byte[] Capacity(MetricsDocument metrics) =>
        SiteSeries(metrics, s => s.Series.Gpus, "GPUs online per site", "GPUs", steps: true);

    /// <summary>Items waiting for a reviewer over the run.</summary>
    public static byte[] ReviewBacklog(ModerationMetrics moderation)
    {
        ArgumentNullException.ThrowIfNull(moderation);
        var plot = new Plot();
        var days = Enumerable.Range(0, moderation.Backlog.Length).Select(i => (i + 1) * moderation.BinSeconds / 86_400).ToArray();
        var line = plot.Add.Scatter(days, moderation.Backlog);
        line.MarkerSize = 0;
        line.LegendText = $"{moderation.Reviewers} reviewers, {moderation.ReviewSeconds:0} s a review";
        plot.Title($"Review backlog of {moderation.Tenant}'s output");
        plot.XLabel("simulated time (days)");
        plot.YLabel("items waiting for a reviewer");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>Per lunar site: one-way light time (left axis) and the fraction of each bin the link was up (right axis).</summary>
    public static byte[] Link(MetricsDocument metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var plot = new Plot();
        foreach (var site in metrics.Link.Sites)
        {
            var days = Enumerable.Range(0, site.LightTimeSeconds.Length).Select(i => (i + 0.5) * site.BinSeconds / 86_400).ToArray();
            var delay = plot.Add.Scatter(days, site.LightTimeSeconds);
            delay.LegendText = $"{site.Site}: light time";
            delay.MarkerSize = 0;
            var up = plot.Add.Scatter(days, site.Up);
            up.LegendText = $"{site.Site}: link up (fraction)";
            up.MarkerSize = 0;
            up.LinePattern = LinePattern.Dotted;
            up.LineWidth = 2;
            up.Axes.YAxis = plot.Axes.Right;
        }

        plot.Axes.Right.Label.Text = "fraction of time the link is up";
        // A margin below 0 and above 1, so a link down (or up) all along is not drawn on the frame.
        plot.Axes.SetLimitsY(-0.05, 1.05, plot.Axes.Right);
        plot.Title("Earth–Moon link per lunar site");
        plot.XLabel("simulated time (days)");
        plot.YLabel("one-way light time (s)");
        plot.ShowLegend(Edge.Bottom);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    // One line per site, the legend beside the plot rather than over the data; where sites share values (two data centres
    // of 16 GPUs each) the earlier ones are drawn wider and in other patterns, so no series hides under another.
    private static byte[] SiteSeries(MetricsDocument metrics, Func<SiteMetrics, double[]> values, string title, string yLabel, bool steps = false)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var plot = new Plot();
        LinePattern[] patterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];
        for (var index = 0; index < metrics.Sites.Count; index++)
        {
            var site = metrics.Sites[index];
            var ys = values(site);
            var xs = Enumerable.Range(0, ys.Length).Select(i => (steps ? i : i + 0.5) * site.Series.BinSeconds / 86_400).ToArray();
            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = site.Name;
            line.MarkerSize = 0;
            line.LineWidth = 1.5f + (2f * (metrics.Sites.Count - 1 - index));
            line.LinePattern = patterns[index % patterns.Length];
            if (steps)
            {
                line.ConnectStyle = ConnectStyle.StepHorizontal;
            }
        }

        plot.Title(title);
        plot.XLabel("simulated time (days)");
        plot.YLabel(yLabel);
        plot.ShowLegend(Edge.Right);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }
}
