using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using k8s;
using Selene.Core.Errors;
using Selene.Simulation.Sweeps;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Selene.Cli.Commands;

/// <summary><c>selene sweep plan FILE [--json]</c>: the runs a sweep expands into, in their fixed order.</summary>
internal sealed class SweepPlanCommand(CliConsoles consoles) : Command<SweepPlanSettings>
{
    public override int Execute(CommandContext context, SweepPlanSettings settings, CancellationToken cancellationToken)
    {
        var plan = SweepPlan.Create(SweepReader.LoadFile(settings.File), SeleneApp.Version);
        if (settings.Json)
        {
            consoles.RawOut.Write(JsonSerializer.Serialize(plan.Runs.Select(r => new
            {
                index = r.Index,
                key = r.Key,
                variant = r.Variant,
                seed = r.Seed,
                values = r.Values.ToDictionary(v => v.Path, v => v.Value),
            }), CliJson.Options) + "\n");
            return SeleneApp.Success;
        }

        var table = new Table().AddColumns(["index", "key", "seed", .. plan.Spec.Vary.Select(v => Markup.Escape(v.Path.Text))]);
        foreach (var run in plan.Runs)
        {
            table.AddRow([run.Index.ToString(CultureInfo.InvariantCulture), run.Key, run.Seed.ToString(CultureInfo.InvariantCulture), .. run.Values.Select(v => Markup.Escape(v.Value))]);
        }

        consoles.Out.Write(table);
        consoles.Out.MarkupLineInterpolated($"{plan.Runs.Count} runs: {plan.Variants} variants × {plan.Runs.Count / Math.Max(1, plan.Variants)} seeds.");
        return SeleneApp.Success;
    }
}

/// <summary>
/// <c>selene sweep run FILE [--index I] --out DIR</c>: exactly one run, written atomically under DIR/runs/KEY/. Exit 0 when
/// done (or already done), 2 when its input is bad (never worth retrying), 1 on an internal failure.
/// </summary>
internal sealed class SweepRunCommand(CliConsoles consoles) : Command<SweepRunSettings>
{
    public override int Execute(CommandContext context, SweepRunSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Stdin)
        {
            return Serve(settings);
        }

        var index = settings.Index ?? IndexFromEnvironment();
        var plan = SweepPlan.Create(SweepReader.LoadFile(settings.File, checkScenario: false), SeleneApp.Version);
        if (index >= plan.Runs.Count)
        {
            throw new InputException(InputDiagnostic.Error(settings.File, 0, 0, "--index", $"the sweep has {plan.Runs.Count} runs, 0 … {plan.Runs.Count - 1}; got {index}"));
        }

        OutputPath.PrepareFolder(settings.Out, "--out");
        SweepIndex.Write(plan, settings.Out);
        var run = plan.Runs[index];
        var (exit, ran, error) = Attempt(run, settings.Out);
        if (error is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        }

        consoles.Out.MarkupLineInterpolated($"run {index} ({run.Key}): {(ran ? "done" : "already done")}");
        return exit;
    }

    // One run per index read, each answered `INDEX EXIT` as it finishes, up to --parallel at once on threads, until
    // standard input ends: the plan is made and the code compiled once for every run the worker does.
    private int Serve(SweepRunSettings settings)
    {
        SweepPlan Plan(string yaml) => SweepPlan.Create(SweepReader.Parse(yaml, settings.File, checkScenario: false), SeleneApp.Version);
        var text = InputFile.ReadText(settings.File, "FILE", "cannot read the sweep file");
        var plan = Plan(text);
        OutputPath.PrepareFolder(settings.Out, "--out");
        SweepIndex.Write(plan, settings.Out);
        using var slots = new SemaphoreSlim(settings.Parallel);
        var answers = new Lock();
        var running = new List<Task>();
        while (Console.In.ReadLine() is { } line)
        {
            // The file may have been rewritten since (selene plan writes one small sweep after another to it, each once
            // the runs of the last have been answered).
            var now = File.ReadAllText(settings.File);
            if (!string.Equals(now, text, StringComparison.Ordinal))
            {
                (text, plan) = (now, Plan(now));
            }

            if (!int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= plan.Runs.Count)
            {
                Answer(answers, line.Trim(), SeleneApp.BadInput);
                continue;
            }

            slots.Wait();
            var run = plan.Runs[index];
            running.Add(Task.Run(() =>
            {
                try
                {
                    Answer(answers, index.ToString(CultureInfo.InvariantCulture), Attempt(run, settings.Out).Exit);
                }
                finally
                {
                    slots.Release();
                }
            }));
        }

        Task.WaitAll(running);
        return SeleneApp.Success;
    }

    private void Answer(Lock answers, string index, int exit)
    {
        lock (answers)
        {
            consoles.RawOut.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{index} {exit}"));
            consoles.RawOut.Flush();
        }
    }

    // Runs `run`, recording a failure (bad input or internal) for gather and --missing: its exit code, whether it ran
    // (false when its metrics were already there), and the exception that failed it.
    private static (int Exit, bool Ran, Exception? Error) Attempt(Simulation.Sweeps.SweepRun run, string output)
    {
        try
        {
            return (SeleneApp.Success, SweepWorker.Run(run, output), null);
        }
        catch (InputException e)
        {
            SweepWorker.RecordFailure(run, output, SeleneApp.BadInput, string.Join("; ", e.Errors.Select(x => x.ToString())));
            return (SeleneApp.BadInput, false, e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            SweepWorker.RecordFailure(run, output, SeleneApp.InternalFailure, e.Message);
            return (SeleneApp.InternalFailure, false, e);
        }
    }

    private static int IndexFromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable("JOB_COMPLETION_INDEX");
        return text is null
            ? throw new InputException(InputDiagnostic.Error("", 0, 0, "--index", "give --index, or set JOB_COMPLETION_INDEX as a Kubernetes Indexed Job does"))
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index
            : throw new InputException(InputDiagnostic.Error("", 0, 0, "JOB_COMPLETION_INDEX", $"expected a whole number, got '{text}'"));
    }
}

/// <summary>
/// <c>selene sweep k8s FILE --image IMAGE --storage PVC [--apply]</c>: the sweep as a ConfigMap and an Indexed Job, written
/// as YAML and, with --apply, submitted through KubernetesClient to the current kube-context.
/// </summary>
internal sealed class SweepK8sCommand(CliConsoles consoles) : Command<SweepK8sSettings>
{
    public override int Execute(CommandContext context, SweepK8sSettings settings, CancellationToken cancellationToken)
    {
        var spec = SweepReader.LoadFile(settings.File);
        var plan = SweepPlan.Create(spec, SeleneApp.Version);
        var scenarioFile = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(settings.File)) ?? ".", spec.Scenario);
        var scenarioText = File.Exists(scenarioFile) ? File.ReadAllText(scenarioFile) : null;
        if (scenarioText is not null && spec.Scenario != Path.GetFileName(spec.Scenario))
        {
            throw new InputException(InputDiagnostic.Error(settings.File, 0, 0, "scenario", "for a Job, the scenario file must sit beside the sweep file (it goes into the same ConfigMap)"));
        }

        var options = new IndexedJobOptions(settings.Image!, settings.Storage!) { Name = settings.Name, Namespace = settings.Namespace, Parallelism = settings.Parallelism };
        var (configMap, job) = IndexedJob.Build(plan, File.ReadAllText(settings.File), scenarioText, options);
        File.WriteAllText(settings.Out, IndexedJob.Yaml(configMap, job));
        consoles.Out.MarkupLineInterpolated($"Wrote the ConfigMap {configMap.Metadata.Name} and the Indexed Job {job.Metadata.Name} ({plan.Runs.Count} completions, {job.Spec.Parallelism} at once) to {settings.Out}");
        if (settings.Apply)
        {
            KubernetesClientConfiguration config;
            try
            {
                config = KubernetesClientConfiguration.BuildDefaultConfig();
            }
            catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or FileNotFoundException or InvalidOperationException)
            {
                throw new InputException(InputDiagnostic.Error("", 0, 0, "--apply", $"no usable kube-context: {e.Message}"));
            }

            using var client = new Kubernetes(config);
            client.CoreV1.CreateNamespacedConfigMapAsync(configMap, settings.Namespace, cancellationToken: cancellationToken).GetAwaiter().GetResult();
            client.BatchV1.CreateNamespacedJobAsync(job, settings.Namespace, cancellationToken: cancellationToken).GetAwaiter().GetResult();
            consoles.Out.MarkupLineInterpolated($"Submitted to {config.Host}; `selene sweep gather` on the claim's folder collects the results.");
        }

        return SeleneApp.Success;
    }
}

/// <summary><c>selene sweep gather DIR</c>: whatever runs exist, from either executor, as tables; names missing and failed indexes.</summary>
internal sealed class SweepGatherCommand(CliConsoles consoles) : Command<SweepGatherSettings>
{
    public override int Execute(CommandContext context, SweepGatherSettings settings, CancellationToken cancellationToken)
    {
        var results = SweepResults.Gather(SweepIndex.Read(settings.Folder), settings.Folder);
        SweepOutput.Write(results, settings.Folder, consoles);
        return results.Missing.Count == 0 && results.Failed.Count == 0 ? SeleneApp.Success : SeleneApp.InternalFailure;
    }
}

/// <summary>
/// <c>selene sweep FILE [--out DIR] [-j N] [--missing]</c>: the local executor. Every run without a result goes to a
/// long-lived worker process (<c>selene sweep run --stdin --parallel N</c>) that keeps N runs going, each on its own
/// thread, with a progress bar; an interrupted sweep resumes where it stopped, as finished runs are never run again; at
/// the end the results are gathered.
/// </summary>
internal sealed class SweepCommand(CliConsoles consoles) : Command<SweepSettings>
{
    public override int Execute(CommandContext context, SweepSettings settings, CancellationToken cancellationToken)
    {
        var plan = SweepPlan.Create(SweepReader.LoadFile(settings.File), SeleneApp.Version);
        OutputPath.PrepareFolder(settings.Out, "--out");
        SweepIndex.Write(plan, settings.Out);
        var states = plan.Runs.Select(r => SweepWorker.StateOf(settings.Out, r)).ToList();
        var todo = plan.Runs.Where(r => states[r.Index] == SweepWorker.RunState.Missing || (settings.Missing && states[r.Index] == SweepWorker.RunState.Failed)).ToList();
        var doneBefore = states.Count(s => s == SweepWorker.RunState.Done);
        var jobs = settings.Jobs ?? Environment.ProcessorCount;
        var clock = Stopwatch.StartNew();
        var failures = 0;
        using var executor = new LocalSweepExecutor(settings.File, settings.Out, jobs);
        if (consoles.Interactive)
        {
            consoles.Out.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(progress =>
                {
                    var task = progress.AddTask($"{todo.Count} runs, {jobs} at once", maxValue: Math.Max(1, todo.Count));
                    failures = executor.Run(todo, () => task.Increment(1));
                });
        }
        else
        {
            failures = executor.Run(todo, () => { });
        }

        var results = SweepResults.Gather(plan, settings.Out);
        consoles.Out.MarkupLineInterpolated(
            $"Ran {todo.Count - failures} of {todo.Count} runs in {clock.Elapsed.TotalSeconds:0.0} s, {jobs} at once ({doneBefore} done before).");
        SweepOutput.Write(results, settings.Out, consoles);
        return results.Missing.Count == 0 && results.Failed.Count == 0 ? SeleneApp.Success : SeleneApp.InternalFailure;
    }
}

/// <summary>Writes a sweep's gathered results into its folder and summarises them on the console.</summary>
internal static class SweepOutput
{
    public static void Write(SweepResults results, string folder, CliConsoles consoles)
    {
        File.WriteAllText(Path.Combine(folder, "results.csv"), results.Csv());
        File.WriteAllText(Path.Combine(folder, "summary.csv"), results.SummaryCsv());
        using (var parquet = File.Create(Path.Combine(folder, "results.parquet")))
        {
            results.WriteParquetAsync(parquet).GetAwaiter().GetResult();
        }

        File.WriteAllText(Path.Combine(folder, "sweep-report.html"), SweepReport.Html(results));

        var table = new Table().AddColumns(["variant", .. results.Plan.Spec.Vary.Select(v => Markup.Escape(v.Path.Text)), "metric", "runs", "mean", "sd", "95% CI"]);
        foreach (var s in results.Summary())
        {
            table.AddRow([s.Variant.ToString(CultureInfo.InvariantCulture), .. s.Values.Select(v => Markup.Escape(v.Value)), Markup.Escape(s.Metric),
                s.Runs.ToString(CultureInfo.InvariantCulture), F(s.Mean), F(s.StandardDeviation), double.IsNaN(s.Low) ? "" : $"{F(s.Low)} … {F(s.High)}"]);
        }

        consoles.Out.Write(table);
        consoles.Out.MarkupLineInterpolated($"{results.Rows.Count} of {results.Plan.Runs.Count} runs have results; missing: {Indexes(results.Missing)}; failed: {Indexes(results.Failed.Select(f => f.Index).ToList())}.");
        foreach (var (index, reason) in results.Failed)
        {
            consoles.Out.MarkupLineInterpolated($"  run {index} failed: {reason}");
        }

        consoles.Out.MarkupLineInterpolated($"Wrote results.csv, results.parquet, summary.csv, sweep-report.html to {folder}");
    }

    private static string Indexes(IReadOnlyList<int> indexes) => indexes.Count == 0 ? "none" : string.Join(", ", indexes);

    private static string F(double value) => double.IsNaN(value) ? "" : value.ToString("0.######", CultureInfo.InvariantCulture);
}
