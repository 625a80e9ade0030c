using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using Selene.Benchmarks;
using Selene.Simulation;
using Selene.Simulation.Scenarios;

// `mmc SERVERS UTILISATION CUSTOMERS`, `hold PENDING HOLDS`, `moon COUNT`, `contacts RELAYS SITES STATIONS DAYS`, `ode PROBLEM METHOD RTOL ATOL`, `schedule NODES PODS`,
// `bound NODES PODS`, `outbox EVENTS`, `power SITES DAYS POLICY`, `split-overhead RUNS [CUT]`, `split-plan RUNS`, `engine-skip SCALE REPLICAS` and
// `trace-replay HOURS RATE NODES` print one measured line for the anchor
// scripts; anything else goes to BenchmarkDotNet (for example `--filter *Hold*`).
var invariant = CultureInfo.InvariantCulture;
switch (args.FirstOrDefault())
{
    case "engine-skip":
        // engine-skip SCALE REPLICAS: the conv trace at SCALE × its rate over REPLICAS replicas, per step against event skipping.
        ServingWorkloads.EngineSkip(double.Parse(args[1], invariant), int.Parse(args[2], invariant));
        return 0;

    case "trace-replay":
        // trace-replay HOURS RATE NODES: the twin replaying the conv trace at RATE requests/s over NODES × 8 H100s.
        ServingWorkloads.TraceReplay(double.Parse(args[1], invariant), double.Parse(args[2], invariant), int.Parse(args[3], invariant));
        return 0;

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

    case "schedule":
    {
        // schedule NODES PODS: the whole default and space plugin set, one pod at a time through the cluster
        // scheduler (store admission, queue, cycle, binding), with each pod's cycle timed.
        var nodeCount = int.Parse(args[1], invariant);
        var podCount = int.Parse(args[2], invariant);
        var cluster = new Selene.Cluster.Scheduling.ClusterScheduler();
        foreach (var node in SchedulerWorkload.Nodes(nodeCount))
        {
            cluster.SetNode(node);
        }

        // Warm up on other pods for two seconds, long enough for tiered compilation to reach its optimised
        // code (a scheduler is a long-running service), then remove them.
        var warmClock = Stopwatch.StartNew();
        var warmed = 0;
        while (warmClock.Elapsed.TotalSeconds < 2)
        {
            foreach (var pod in SchedulerWorkload.Pods(500, $"warm{warmed++}"))
            {
                cluster.Submit(pod);
            }

            cluster.RunUntilSettled();
        }

        foreach (var pod in cluster.Store.List<k8s.Models.V1Pod>("bench"))
        {
            cluster.Store.Delete<k8s.Models.V1Pod>("bench", pod.Metadata.Name);
            cluster.Snapshot.Unbind($"bench/{pod.Metadata.Name}");
        }

        foreach (var pod in SchedulerWorkload.Pods(podCount))
        {
            cluster.Submit(pod);
        }

        // Leave the warm-up's garbage behind, as a long-running scheduler would have.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var latency = new HdrHistogram.LongHistogram(TimeSpan.TicksPerMinute, 3);
        var (gen0, gen2, paused, allocated) = (GC.CollectionCount(0), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes(precise: true));
        var clock = Stopwatch.StartNew();
        var cycles = 0;
        while (true)
        {
            var before = Stopwatch.GetTimestamp();
            if (!cluster.Step())
            {
                break;
            }

            latency.RecordValue(Stopwatch.GetTimestamp() - before);
            cycles++;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var scheduled = cluster.Latest.Values.Count(r => r.Scheduled && r.Pod.Name.StartsWith("pod-", StringComparison.Ordinal));
        foreach (var reason in cluster.Latest.Values.Where(r => !r.Scheduled).GroupBy(r => r.Message).OrderByDescending(g => g.Count()).Take(3))
        {
            Console.Error.WriteLine($"unscheduled {reason.Count()}: {reason.Key}");
        }

        double Micro(double percentile) => latency.GetValueAtPercentile(percentile) * 1e6 / Stopwatch.Frequency;
        Console.WriteLine(string.Create(invariant,
            $"schedule nodes={nodeCount} pods={podCount} scheduled={scheduled} cycles={cycles} seconds={seconds:0.000} pods_per_second={scheduled / seconds:0} p50_us={Micro(50):0} p99_us={Micro(99):0} max_us={latency.GetValueAtPercentile(100) * 1e6 / Stopwatch.Frequency:0} gc0={GC.CollectionCount(0) - gen0} gc2={GC.CollectionCount(2) - gen2} gc_pause_ms={(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:0} allocated_per_pod_bytes={(GC.GetTotalAllocatedBytes(precise: true) - allocated) / Math.Max(1, cycles)}"));
        return 0;
    }

    case "bound":
    {
        // bound NODES PODS: memory of a cluster with PODS pods already bound (store objects and scheduler snapshot).
        var nodeCount = int.Parse(args[1], invariant);
        var podCount = int.Parse(args[2], invariant);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var cluster = new Selene.Cluster.Scheduling.ClusterScheduler();
        var nodes = SchedulerWorkload.Nodes(nodeCount).ToList();
        foreach (var node in nodes)
        {
            cluster.SetNode(node);
        }

        var index = 0;
        foreach (var pod in SchedulerWorkload.Pods(podCount))
        {
            pod.Spec.NodeName = nodes[index++ % nodeCount].Metadata.Name;
            pod.Spec.Affinity = null;
            pod.Spec.TopologySpreadConstraints = null;
            cluster.Submit(pod);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(cluster);
        Console.WriteLine(string.Create(invariant,
            $"bound nodes={nodeCount} pods={cluster.Snapshot.BoundPodCount} managed_mib={(after - before) / 1048576.0:0} working_set_mib={Environment.WorkingSet / 1048576.0:0}"));
        return 0;
    }

    case "power":
    {
        // power SITES DAYS POLICY [BIN_SECONDS] [MAX_STEP_SECONDS]
        var powerOptions = new Selene.Power.Simulation.PowerRunOptions();
        powerOptions = powerOptions with
        {
            BinSeconds = args.Length > 4 ? double.Parse(args[4], invariant) : powerOptions.BinSeconds,
            MaxStepSeconds = args.Length > 5 ? double.Parse(args[5], invariant) : powerOptions.MaxStepSeconds,
        };
        Console.WriteLine(PowerSites.Run(int.Parse(args[1], invariant), double.Parse(args[2], invariant), Enum.Parse<Selene.Power.Control.PowerPolicy>(args[3], ignoreCase: true), powerOptions));
        return 0;
    }

    case "split-overhead":
        // split-overhead RUNS [CUT_TENSOR] [THREADS]: ResNet18 split against one session of it, interleaved.
        Console.WriteLine(await SplitBenchmarks.OverheadAsync(int.Parse(args[1], invariant), args.Length > 2 ? args[2] : "ReLU315_Output_0",
            args.Length > 3 ? int.Parse(args[3], invariant) : 0));
        return 0;

    case "split-plan":
        // split-plan RUNS: planning every valid cut of ResNet18.
        Console.WriteLine(SplitBenchmarks.Plan(int.Parse(args[1], invariant)));
        return 0;

    case "pdq":
        // pdq FILE COUNT: PDQ decode-and-hash and hash-only rates on one core.
        Console.WriteLine(PdqBenchmark.Run(args[1], int.Parse(args[2], invariant)));
        return 0;

    case "pdq-bank":
        // pdq-bank HASHES QUERIES: lookups at 31 bits against a bank of that many hashes.
        Console.WriteLine(PdqBankBenchmark.Run(int.Parse(args[1], invariant), int.Parse(args[2], invariant)));
        return 0;

    case "api-load":
        // api-load RATE SECONDS: the service on loopback under a steady mix of authenticated requests.
        Console.WriteLine(await Selene.Testing.ApiLoad.RunAsync(int.Parse(args[1], invariant), int.Parse(args[2], invariant)));
        return 0;

    case "outbox":
        // outbox EVENTS: persisted to the webhook outbox and delivered, signed and verified, over loopback.
        return await OutboxBenchmark.RunAsync(int.Parse(args[1], invariant));

    case "sweep-anchor":
    {
        // sweep-anchor FILE: every run of the sweep simulated in this one process, nothing written: the work a sweep's
        // executor adds its overhead (plan, spawn, write, gather) to.
        var plan = Selene.Simulation.Sweeps.SweepPlan.Create(Selene.Simulation.Sweeps.SweepReader.LoadFile(args[1], checkScenario: false), "anchor");
        var threads = args.Length > 2 ? int.Parse(args[2], invariant) : 1;
        var clock = Stopwatch.StartNew();
        Parallel.ForEach(plan.Runs, new ParallelOptions { MaxDegreeOfParallelism = threads }, run =>
        {
            var scenario = ScenarioLoader.Parse(run.ScenarioYaml, "anchor.yaml", relative => run.Manifests.TryGetValue(relative, out var text) ? (text, relative) : null);
            _ = Selene.Simulation.Metrics.MetricsJson.Serialize(new ScenarioSimulation(scenario).Run());
        });

        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(invariant, $"sweep-anchor runs={plan.Runs.Count} threads={threads} seconds={seconds:0.000} per_run={seconds / plan.Runs.Count:0.000} allocated_mb_per_run={GC.GetTotalAllocatedBytes() / 1e6 / plan.Runs.Count:0} gc={GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}"));
        return 0;
    }

    case "contacts":
        // contacts RELAYS SITES STATIONS DAYS: a contact plan of that size, on one thread.
        ContactPlanWorkload.Run(int.Parse(args[1], invariant), int.Parse(args[2], invariant), int.Parse(args[3], invariant), double.Parse(args[4], invariant));
        return 0;

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
