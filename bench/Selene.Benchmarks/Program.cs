using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using Selene.Benchmarks;
using Selene.Simulation;
using Selene.Simulation.Scenarios;

// `mmc SERVERS UTILISATION CUSTOMERS`, `hold PENDING HOLDS`, `moon COUNT` and `ode PROBLEM METHOD RTOL ATOL` print one measured line for the anchor
// scripts; anything else goes to BenchmarkDotNet (for example `--filter *Hold*`).
var invariant = CultureInfo.InvariantCulture;
switch (args.FirstOrDefault())
{
    case "mmc":
    {
        var servers = int.Parse(args[1], invariant);
        var utilisation = double.Parse(args[2], invariant);
        var customers = long.Parse(args[3], invariant);
        var scenario = QueueingScenarios.MultiServer(servers, utilisation, 1, customers / (utilisation * servers), seed: 1);
        var simulation = new ScenarioSimulation(scenario);
        var clock = Stopwatch.StartNew();
        var metrics = simulation.Run();
        var seconds = clock.Elapsed.TotalSeconds;
        var tenant = metrics.Tenants[0];
        Console.WriteLine(string.Create(invariant,
            $"selene customers={tenant.Served} events={metrics.Kernel.Events} seconds={seconds:0.000} mean_wait={tenant.MeanWaitSeconds:0.00000}"));
        return 0;
    }

    case "hold":
    {
        var pending = int.Parse(args[1], invariant);
        var holds = long.Parse(args[2], invariant);
        var kernel = HoldModel.Create(pending, seed: 1);
        HoldModel.Run(kernel, pending * 2L);
        var clock = Stopwatch.StartNew();
        HoldModel.Run(kernel, holds);
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(invariant, $"hold pending={pending} holds={holds} seconds={seconds:0.000} events_per_second={holds / seconds:0}"));
        return 0;
    }

    case "ode":
    {
        // ode PROBLEM METHOD RTOL ATOL: best of several solves, so start-up and JIT do not count.
        var problem = Selene.Ode.Problems.BuiltIn.BuiltInProblems.Get(args[1]);
        var options = new Selene.Ode.OdeOptions
        {
            RelativeTolerance = double.Parse(args[3], invariant),
            AbsoluteTolerance = double.Parse(args[4], invariant),
            DenseOutput = false,
            OutputTimes = [problem.Problem.T1],
            MaxSteps = 10_000_000,
        };
        Selene.Ode.Solutions.OdeSolution? solution = null;
        var best = double.MaxValue;
        var clock = Stopwatch.StartNew();
        for (var run = 0; run < 100_000 && (run < 5 || clock.Elapsed.TotalSeconds < 2); run++)
        {
            var start = clock.Elapsed.TotalSeconds;
            solution = Selene.Ode.Ode.Solve(problem.Problem, args[2], options);
            best = Math.Min(best, clock.Elapsed.TotalSeconds - start);
        }

        var y = solution!.FinalState;
        var error = Enumerable.Range(0, problem.Reference.Length)
            .Max(i => Math.Abs(y[i] - problem.Reference[i]) / Math.Max(Math.Abs(problem.Reference[i]), 1));
        Console.WriteLine(string.Create(invariant,
            $"selene problem={problem.Name} method={args[2]} seconds={best:0.000000} error={error:E3} rhs={solution.Statistics.RhsEvaluations}"));
        return 0;
    }

    case "moon":
    {
        var count = int.Parse(args[1], invariant);
        var sum = 0.0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            sum += Selene.Astro.Bodies.Moon.GeocentricJ2000(0.27 + (i * 1e-9)).X;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(invariant, $"moon positions={count} seconds={seconds:0.000} per_second={count / seconds:0} checksum={sum:0}"));
        return 0;
    }

    default:
        BenchmarkSwitcher.FromAssembly(typeof(HoldModelBenchmark).Assembly).Run(args);
        return 0;
}
