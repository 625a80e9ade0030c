using System.Diagnostics;
using Selene.Core.Errors;
using Selene.Simulation;
using Selene.Simulation.Limits;
using Selene.Simulation.Metrics;
using Selene.Simulation.Reporting;
using Selene.Simulation.Scenarios;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Selene.Cli.Commands;

/// <summary><c>selene simulate [SCENARIO] [--days N] [--seed S] [--out DIR] [--json]</c>.</summary>
internal sealed class SimulateCommand(CliConsoles consoles) : Command<SimulateSettings>
{
    public override int Execute(CommandContext context, SimulateSettings settings, CancellationToken cancellationToken)
    {
        var scenario = BuiltInScenarios.Resolve(settings.Scenario, "SCENARIO");

        // The built-in scenarios' own manifest keeps its documented quirk (spec.resources on a Node) byte for byte; the
        // report notes it, and a plain run does not warn the user about Selene's own files.
        if (!BuiltInScenarios.IsBuiltIn(scenario))
        {
            foreach (var warning in scenario.Warnings)
            {
                consoles.Errors.MarkupLineInterpolated($"[yellow]{warning}[/]");
            }
        }

        scenario = scenario with
        {
            DurationSeconds = settings.Days is { } days ? days * 86_400 : scenario.DurationSeconds,
            Seed = settings.Seed ?? scenario.Seed,
        };

        if (settings.Days is not null && ScenarioTimeSpan.Problem(scenario.Epoch, scenario.DurationSeconds) is { } outside)
        {
            throw new InputException(InputDiagnostic.Error(scenario.Source, 0, 0, "--days", outside));
        }

        OutputPath.PrepareFolder(settings.Out, "--out");
        var limits = new WorkLimits { MaxArrivals = settings.MaxRequests, MaxInFlight = settings.MaxInFlight };
        BoundedRun.CheckArrivals(scenario, limits, "--max-requests");
        var simulation = new ScenarioSimulation(scenario);
        var clock = Stopwatch.StartNew();
        var metrics = consoles.Interactive && !settings.Json
            ? RunWithProgress(simulation, limits)
            : BoundedRun.Run(simulation, limits);
        var wall = clock.Elapsed.TotalSeconds;
        var files = ReportWriter.Write(metrics, settings.Out, simulation.CosmicEvents, scenario.Warnings);

        if (settings.Json)
        {
            consoles.RawOut.Write(MetricsJson.Serialize(metrics));
            return metrics.Accounting.Balanced ? SeleneApp.Success : SeleneApp.InternalFailure;
        }

        SummaryTables.Write(consoles.Out, metrics);
        consoles.Out.MarkupLineInterpolated(
            $"Simulated {metrics.Scenario.DurationSeconds / 86_400:0.##} day(s) in {wall:0.00} s wall time ({metrics.Kernel.Events:N0} events, {metrics.Kernel.Events / Math.Max(wall, 1e-9):N0} events/s).");
        consoles.Out.MarkupLineInterpolated($"Wrote {string.Join(", ", files.Select(Path.GetFileName))} to {settings.Out}");
        if (!metrics.Accounting.Balanced)
        {
            consoles.Errors.MarkupLine("[red]internal error: request accounting does not balance[/]");
            return SeleneApp.InternalFailure;
        }

        return SeleneApp.Success;
    }

    private MetricsDocument RunWithProgress(ScenarioSimulation simulation, WorkLimits limits)
    {
        MetricsDocument? metrics = null;
        consoles.Out.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("simulating", maxValue: 1);
                metrics = BoundedRun.Run(simulation, limits, new SynchronousProgress(fraction => task.Value = fraction));
            });
        return metrics!;
    }

    private sealed class SynchronousProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
