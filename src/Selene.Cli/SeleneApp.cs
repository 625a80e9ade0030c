using Selene.Cli.Commands;
using Selene.Core.Errors;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Selene.Cli;

/// <summary>
/// The <c>selene</c> command line. Exit codes: 0 success, 2 bad input (the message names file, line and
/// field), 1 internal failure. Results go to standard output; warnings, errors and progress to standard error.
/// </summary>
internal static class SeleneApp
{
    public const int Success = 0;
    public const int InternalFailure = 1;
    public const int BadInput = 2;

    /// <summary>Selene's version, as <c>selene --version</c> prints it.</summary>
    public static string Version { get; } = typeof(SeleneApp).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
        .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool interactive)
    {
        var output = CreateConsole(stdout, interactive);
        var errors = CreateConsole(stderr, interactive: false);
        errors.Profile.Width = MessageWidth;
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("selene");
            config.SetApplicationVersion(Version);
            config.UseStrictParsing();
            config.ConfigureConsole(output);
            config.Settings.Registrar.RegisterInstance(new CliConsoles(output, errors, stdout, interactive));
            config.SetExceptionHandler((exception, _) => Report(exception, errors, args));
            config.AddCommand<SimulateCommand>("simulate")
                .WithDescription("Run a scenario through the digital twin and write metrics, plots and a report.")
                .WithExample("simulate")
                .WithExample("simulate", "examples/earth-moon.yaml", "--days", "30", "--seed", "7", "--out", "out/")
                .WithExample("simulate", "--json");
            config.AddBranch("ode", ode =>
            {
                ode.SetDescription("The ODE engine: solve built-in test problems.");
                ode.AddCommand<OdeSolveCommand>("solve")
                    .WithDescription("Solve a built-in problem and print the end state, its error against the published reference, and the statistics.")
                    .WithExample("ode", "solve", "--problem", "rober", "--method", "rodas4", "--rtol", "1e-8", "--atol", "1e-14");
            });
            config.AddCommand<ScheduleCommand>("schedule")
                .WithDescription("Schedule the pending pods of Kubernetes manifests with kube-scheduler's plugins and Selene's space plugins, and say why each went where it did.")
                .WithExample("schedule", "-f", "examples/scheduling/")
                .WithExample("schedule", "-f", "examples/manifests/", "-f", "pods.yaml", "--explain");
            config.AddCommand<ServeCommand>("serve")
                .WithDescription("Run the Selene service: a REST API with its OpenAPI document, a live twin of a scenario and its dashboard, the kube-scheduler extender, durable cosmic-event webhooks, moderation and review, Prometheus metrics; bearer tokens with roles.")
                .WithExample("serve", "--urls", "http://0.0.0.0:8888", "-f", "examples/manifests/");
            config.AddCommand<SizeCommand>("size")
                .WithDescription("Size a lunar site's solar array and battery for its GPUs over a year of its sunlight: area, energy, mass, and a plot of the state of charge.")
                .WithExample("size", "--site", "shackleton-rim", "--gpus", "8", "--gpu-type", "H100")
                .WithExample("size", "--site", "shackleton-rim", "--gpus", "64", "--gpu-type", "B200", "--through-night", "--json");
            config.AddCommand<SplitCommand>("split")
                .WithDescription("Profile an ONNX model, plan where to cut it across a link (every valid cut, each cost term), and with --run run it split over an emulated link.")
                .WithExample("split", "resnet18")
                .WithExample("split", "model.onnx", "--delay-ms", "1280", "--bandwidth-mbps", "20", "--run", "--time-scale", "0.01", "--json");
            config.AddCommand<SplitWorkerCommand>("split-worker").IsHidden();
            config.AddCommand<PdqCommand>("pdq")
                .WithDescription("Print each image's PDQ perceptual hash and quality (as Meta's reference prints them); --dihedral adds the eight rotations and flips.")
                .WithExample("pdq", "photo.jpg", "frame.png")
                .WithExample("pdq", "photo.jpg", "--dihedral", "--json");
            config.AddCommand<ModerateCommand>("moderate")
                .WithDescription("Put images through the filter: PDQ (and its rotations and flips) against a bank of known hashes, a policy, and an audit log written before anything is published.")
                .WithExample("moderate", "generated/", "--bank", "known.txt", "--policy", "policy.yaml");
            config.AddBranch("audit", audit =>
            {
                audit.SetDescription("The moderation audit log.");
                audit.AddCommand<AuditVerifyCommand>("verify")
                    .WithDescription("Check the audit log's hash chain and name the first record that does not hold.")
                    .WithExample("audit", "verify", "moderation-audit.db");
            });
            config.AddCommand<EngineCommand>("engine")
                .WithDescription("One LLM replica from the performance model, run through the engine: TTFT, inter-token latency, throughput, KV capacity, the bound of each phase; with --trace and --slo, the highest rate it sustains.")
                .WithExample("engine", "--model", "llama-3.1-8b", "--gpu", "H100", "--prompt", "1024", "--output", "256", "--concurrency", "32");
            config.AddBranch<SweepBranchSettings>("sweep", sweep =>
            {
                sweep.SetDescription("Run a scenario over many seeds and variants: locally on a pool of processes, or one run per index as a Kubernetes Indexed Job does; gather the results as CSV and Parquet with confidence intervals.");
                sweep.SetDefaultCommand<SweepCommand>();
                sweep.AddCommand<SweepPlanCommand>("plan")
                    .WithDescription("The runs a sweep expands into, in their fixed order, each with its key.")
                    .WithExample("sweep", "plan", "examples/sweep.yaml");
                sweep.AddCommand<SweepRunCommand>("run")
                    .WithDescription("Exactly one run of a sweep (--index, or JOB_COMPLETION_INDEX), written atomically under DIR/runs/KEY/. Exit 0 done, 2 bad input, 1 internal failure.")
                    .WithExample("sweep", "run", "examples/sweep.yaml", "--index", "3", "--out", "sweep-out");
                sweep.AddCommand<SweepK8sCommand>("k8s")
                    .WithDescription("The sweep as a Kubernetes Indexed Job (one completion per run, per-index retries, a pod failure policy that fails an index at once on bad input) and its ConfigMap, as YAML; --apply submits them to the current kube-context.")
                    .WithExample("sweep", "k8s", "examples/sweep.yaml", "--image", "ghcr.io/example/selene:latest", "--storage", "sweep-results");
                sweep.AddCommand<SweepGatherCommand>("gather")
                    .WithDescription("Collect whatever runs exist in a sweep's folder, from either executor, and name the missing and failed indexes.")
                    .WithExample("sweep", "gather", "sweep-out");
            });
            config.AddCommand<PlanCommand>("plan")
                .WithDescription("The cheapest configuration that meets every constraint at a confidence over seeds: decisions with their values and costs, searched by bisection per decision and then locally, each candidate a small sweep. Writes the chosen scenario, the constraints' margins and the cost-goodput Pareto front. Exit 1 when nothing within the values meets the constraints.")
                .WithExample("plan", "examples/plan.yaml");
            config.AddCommand<ContactsCommand>("contacts")
                .WithDescription("The contact plan of a scenario's lunar sites, relays and ground stations: every contact with its light time and link-budget rate, each site's connectivity with and without the relays; CSV, JSON and a coverage plot.")
                .WithExample("contacts")
                .WithExample("contacts", "examples/earth-moon.yaml", "--days", "30", "--out", "out/");
            config.AddCommand<EphemerisCommand>("ephemeris")
                .WithDescription("Moon distance, light time, and per lunar site its link to the ground network and its sunlight.")
                .WithExample("ephemeris", "--from", "2027-01-01", "--to", "2027-01-02", "--step", "6h")
                .WithExample("ephemeris", "--from", "2027-01-01", "--to", "2027-02-01", "--step", "1d", "--site", "shackleton-rim", "--json");
        });
        return app.Run(args);
    }

    internal static int Report(Exception exception, IAnsiConsole errors, IReadOnlyList<string>? args = null)
    {
        switch (exception)
        {
            case InputException input:
                foreach (var error in input.Errors)
                {
                    errors.MarkupLineInterpolated($"[red]{error}[/]");
                }

                return BadInput;
            case CommandAppException usage:
                errors.MarkupLineInterpolated($"[red]error: {Explain(usage.Message, args ?? [])}[/]");
                errors.MarkupLine("Run [bold]selene --help[/] for usage.");
                return BadInput;
            default:
                errors.MarkupLineInterpolated($"[red]internal error: {exception.GetType().Name}: {exception.Message}[/]");
                errors.WriteLine(exception.StackTrace ?? "");
                return InternalFailure;
        }
    }

    // Spectre.Console says "Failed to convert 'abc' to Nullable`1." when an option's value is not of its type; the user
    // needs the option and what it takes, not .NET's name for the type.
    private static string Explain(string message, IReadOnlyList<string> args)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message, "^Failed to convert '(.*)' to ([^.]*)\\.?$");
        if (!match.Success)
        {
            return message;
        }

        var value = match.Groups[1].Value;
        var at = args.ToList().FindIndex(a => a == value || a.EndsWith("=" + value, StringComparison.Ordinal));
        var option = at > 0 && args[at - 1].StartsWith('-') ? args[at - 1] : at >= 0 && args[at].Contains('=', StringComparison.Ordinal) ? args[at].Split('=')[0] : "an option";
        var type = match.Groups[2].Value;
        var expected = type.Contains("Int", StringComparison.Ordinal) || type.Contains("UInt", StringComparison.Ordinal) ? "a whole number"
            : type is "Double" or "Single" or "Decimal" || type.StartsWith("Nullable", StringComparison.Ordinal) ? "a number"
            : type == "Boolean" ? "true or false" : "a value of another kind";
        return $"{option}: '{value}' is not {expected}";
    }

    // Redirected output has no terminal width; this one keeps tables whole.
    private const int RedirectedWidth = 200;

    // Diagnostics stay on one line each, so editors and scripts can read file:line:column from them.
    private const int MessageWidth = 4096;

    private static IAnsiConsole CreateConsole(TextWriter writer, bool interactive)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        if (!interactive)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}

/// <summary>The consoles a command writes to, and whether a person is watching.</summary>
/// <param name="Out">Results.</param>
/// <param name="Errors">Warnings and errors.</param>
/// <param name="RawOut">Standard output for machine-readable text, written as is.</param>
/// <param name="Interactive">True when standard output is a terminal: progress bars are shown.</param>
internal sealed record CliConsoles(IAnsiConsole Out, IAnsiConsole Errors, TextWriter RawOut, bool Interactive);
