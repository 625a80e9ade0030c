using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Selene.Core.Errors;
using Selene.Inference.Caching;
using Selene.Inference.Extraction;
using Selene.Inference.Graph;
using Selene.Inference.Models;
using Selene.Inference.Planning;
using Selene.Inference.Profiling;
using Selene.Inference.Runtime;
using Selene.Simulation.Metrics;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Selene.Cli.Commands;

/// <summary>
/// <c>selene split MODEL [--link earth-moon | --delay-ms D --bandwidth-mbps B] [--run] [--json]</c>: profiles the model
/// here, costs every valid cut under every allowed codec for the link and the two sides' devices, chooses the best
/// (least latency, or most throughput within a budget), shows latency against bandwidth for all on one side, all on
/// the other and the best split, and with <c>--run</c> runs requests through the split over an emulated link.
/// </summary>
internal sealed class SplitCommand(CliConsoles consoles) : AsyncCommand<SplitSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SplitSettings settings, CancellationToken cancellationToken)
    {
        var (graph, path) = Load(settings.Model);
        var sides = settings.From == "earth" ? ("earth", "moon") : ("moon", "earth");
        var options = new PlanOptions(settings.LinkModel(), DeviceClass.Parse(settings.PrefixDevice), DeviceClass.Parse(settings.SuffixDevice), settings.CodecList(),
            settings.BudgetMilliseconds / 1000);
        var inputs = Guard(path, () => ModelProfiler.SampleInputs(graph, settings.Seed));
        var profile = Guard(path, () => ModelProfiler.Profile(graph, inputs));
        var planClock = Stopwatch.StartNew();
        var plan = Guard(path, () => SplitPlanner.Plan(profile, options));
        var planSeconds = planClock.Elapsed.TotalSeconds;
        var chosen = plan.Best;
        if (settings.Cut is { } named)
        {
            var cut = Guard(path, () => Cut.Across(graph, named.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)), "--cut");
            chosen = options.Codecs.Select(c => SplitPlanner.Cost(profile, options, cut, c)).MinBy(c => c.LatencySeconds)!;
        }

        var sweep = BandwidthSweep.Of(profile, options);

        var run = settings.Run ? await RunAsync(graph, path, chosen, options, settings, cancellationToken).ConfigureAwait(false) : null;
        var report = new SplitReport(path, graph.Nodes.Count, profile.WholeSeconds, sides.Item1, sides.Item2, options.Link.Name, options.Link.OneWayDelaySeconds,
            options.Link.ForwardBitsPerSecond / 1e6, options.Link.ReturnBitsPerSecond / 1e6, options.Link.LossRate, options.PrefixDevice.Name, options.SuffixDevice.Name,
            settings.BudgetMilliseconds is null ? "latency" : "throughput", planSeconds, plan.Candidates.Count, plan.AllCutsListed,
            Row(chosen), Row(plan.AllPrefix), Row(plan.AllSuffix), [.. plan.Candidates.Select(Row)], sweep, run);
        if (settings.Json)
        {
            consoles.RawOut.Write(JsonSerializer.Serialize(report, CliJson.Options) + "\n");
            return SeleneApp.Success;
        }

        Print(report, sides);
        return SeleneApp.Success;
    }

    private static (OnnxGraph Graph, string Path) Load(string model)
    {
        string path;
        try
        {
            path = BuiltInModels.Resolve(model);
        }
        catch (FileNotFoundException e)
        {
            throw new InputException([InputDiagnostic.Error(model, 0, 0, "MODEL", e.Message)]);
        }

        return (Guard(path, () => OnnxGraph.Load(path)), path);
    }

    private static T Guard<T>(string path, Func<T> action, string field = "MODEL")
    {
        try
        {
            return action();
        }
        catch (ModelFormatException e)
        {
            throw new InputException([InputDiagnostic.Error(path, 0, 0, field, e.Message[(e.Source.Length + 2)..])]);
        }
        catch (ArgumentException e)
        {
            throw new InputException([InputDiagnostic.Error(path, 0, 0, field, e.Message)]);
        }
    }

    private static SplitCandidateMetrics Row(CandidateCost c) => SplitCandidateMetrics.Of(c);

    private static async Task<RunReport> RunAsync(OnnxGraph graph, string path, CandidateCost chosen, PlanOptions options, SplitSettings settings, CancellationToken cancel)
    {
        var models = Guard(path, () => SubModelExtractor.Extract(chosen.Cut));
        var link = options.Link with { OneWayDelaySeconds = options.Link.OneWayDelaySeconds * settings.TimeScale };
        using var whole = Guard(path, () => new SplitSession(SubModelExtractor.Extract(Cut.Of(graph, Enumerable.Range(0, graph.Nodes.Count)))));
        var lifetime = TimeSpan.FromSeconds(30 + (20 * link.OneWayDelaySeconds));

        // The output change each allowed codec causes at this cut, against the whole model, on the first sample.
        var first = ModelProfiler.SampleInputs(graph, settings.Seed);
        var expected = whole.Run(first, TensorCodec.None, cancel);
        var changes = new List<CodecChange>();
        using (var local = Guard(path, () => new SplitSession(SubModelExtractor.Extract(chosen.Cut))))
        {
            foreach (var codec in options.Codecs)
            {
                var (maxAbs, relative) = TensorDifference.Of(expected, local.Run(first, codec, cancel));
                changes.Add(new CodecChange(TensorCodecs.Name(codec), maxAbs, relative));
            }
        }

        // The planned round trip without losses, in the run's time: its light time scaled by --time-scale.
        var scaledLatency = chosen.LatencySeconds - chosen.LossSeconds - chosen.DelaySeconds + (chosen.DelaySeconds * settings.TimeScale);
        var latencies = new List<double>();
        var exact = 0;
        var retransmissions = 0;
        var answers = new Dictionary<SplitAnswer, int>();
        var falseHits = 0;
        var prefetched = 0;
        int lost;
        var stream = new Random(settings.Seed);
        var catalog = Enumerable.Range(0, settings.Catalog).Select(i => ModelProfiler.SampleInputs(graph, settings.Seed + 1000 + i)).ToList();
        // Zipf (s = 1) over the catalog: item k asked for in proportion to 1 / (k + 1).
        var weights = Enumerable.Range(0, catalog.Count).Select(k => 1.0 / (k + 1)).ToArray();
        IReadOnlyList<TensorData> Next(int i)
        {
            if (!settings.Cache)
            {
                return ModelProfiler.SampleInputs(graph, settings.Seed + i);
            }

            var pick = stream.NextDouble() * weights.Sum();
            var item = 0;
            while (pick > weights[item] && item < weights.Length - 1)
            {
                pick -= weights[item++];
            }

            return stream.NextDouble() < 0.3
                ? [.. catalog[item].Select(t => TensorData.Of(t.Name, t.Shape, [.. t.Floats.ToArray().Select(v => v + (0.01f * (float)((stream.NextDouble() * 2) - 1)))]))]
                : catalog[item];
        }

        async Task Loop(SplitRunner runner)
        {
            var prefetcher = settings.Cache ? new Prefetcher(runner, runner.Exact!, settings.PrefetchShare) : null;
            for (var i = 0; i < settings.Requests; i++)
            {
                var inputs = Next(i);
                var reference = whole.Run(inputs, TensorCodec.None, cancel);
                var clock = Stopwatch.StartNew();
                var result = await runner.RunAsync(inputs, chosen.Codec, lifetime, cancel).ConfigureAwait(false);
                latencies.Add(clock.Elapsed.TotalSeconds);
                answers[result.Answer] = answers.GetValueOrDefault(result.Answer) + 1;
                var (maxAbs, relative) = TensorDifference.Of(reference, result.Outputs);
                exact += maxAbs == 0 ? 1 : 0;
                falseHits += result.Answer == SplitAnswer.SimilarityCache && relative > 0.05 ? 1 : 0;
                if (prefetcher is not null)
                {
                    // The link is idle until the next request: the planned round trip's worth of it, in the run's time.
                    prefetched += await prefetcher.FillAsync(catalog, scaledLatency, Math.Max(1e-6, chosen.SendSeconds + chosen.ReplySeconds), chosen.Codec, lifetime, cancel).ConfigureAwait(false);
                }
            }
        }

        // A request is sent again when its reply is overdue: twice the planned round trip in the run's time (unscaled, a
        // 0.01 run waited a hundred times too long for each loss).
        var retransmitAfter = TimeSpan.FromSeconds(Math.Max(0.05, 2 * scaledLatency));
        if (settings.Transport == "inproc")
        {
            using var runner = SplitRunner.InProcess(new SplitSession(models), link, settings.Seed, retransmitAfter);
            Cache(runner, settings);
            await Loop(runner).ConfigureAwait(false);
            retransmissions = runner.Retransmissions;
            lost = runner.Emulators!.Value.Forward.Lost + runner.Emulators.Value.Return.Lost;
        }
        else
        {
            (retransmissions, lost) = await OverLoopbackAsync(path, chosen.Cut, link, settings, models, retransmitAfter, runner =>
            {
                Cache(runner, settings);
                return Loop(runner);
            }).ConfigureAwait(false);
        }

        var mean = latencies.Average();
        latencies.Sort();
        return new RunReport(settings.Transport, TensorCodecs.Name(chosen.Codec), settings.TimeScale, settings.Requests, exact, mean, latencies[latencies.Count / 2],
            latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(0.99 * latencies.Count) - 1)], retransmissions, lost, changes,
            settings.Cache ? new CacheReport(answers.GetValueOrDefault(SplitAnswer.ExactCache), answers.GetValueOrDefault(SplitAnswer.SimilarityCache), falseHits, prefetched,
                settings.Similarity, settings.PrefetchShare) : null);
    }

    // The suffix in a second selene process on loopback; each side emulates its own direction of the link.
    private static async Task<(int Retransmissions, int Lost)> OverLoopbackAsync(string path, Cut cut, LinkModel link, SplitSettings settings, SplitModels models,
        TimeSpan retransmitAfter, Func<SplitRunner, Task> loop)
    {
        // This very executable when it is selene's own; otherwise (run through dotnet, or inside a test host) the
        // dotnet host with selene's assembly.
        var executable = Environment.ProcessPath is { } own && Path.GetFileNameWithoutExtension(own) is "selene" ? own
            : Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) is "dotnet" ? host : "dotnet";
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(executable) == "dotnet")
        {
            start.ArgumentList.Add(typeof(SplitCommand).Assembly.Location);
        }

        foreach (var argument in new[]
        {
            "split-worker", path, "--prefix-nodes", string.Join(',', cut.PrefixNodes), "--delay-ms", F(link.OneWayDelaySeconds * 1000),
            "--bandwidth-mbps", F(link.ReturnBitsPerSecond / 1e6), "--loss", F(link.LossRate), "--seed", F(settings.Seed + 1),
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var worker = Process.Start(start) ?? throw new InvalidOperationException("could not start the suffix process");
        try
        {
            var line = await worker.StandardOutput.ReadLineAsync().ConfigureAwait(false);
            if (line is null || !line.StartsWith("listening ", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"the suffix process did not start: {await worker.StandardError.ReadToEndAsync().ConfigureAwait(false)}");
            }

            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, int.Parse(line["listening ".Length..], CultureInfo.InvariantCulture))).ConfigureAwait(false);
            var forward = new LinkEmulator(link.OneWayDelaySeconds, link.ForwardBitsPerSecond, link.LossRate, settings.Seed);
            SplitRunner? runner = null;
            await using var channel = new SocketBundleLink(socket, forward, reply => runner!.Receive(reply));
            int retransmissions;
            using (runner = SplitRunner.Remote(new SplitSession(models with { Suffix = null }), channel.Send, retransmitAfter))
            {
                await loop(runner).ConfigureAwait(false);
                retransmissions = runner.Retransmissions;
            }

            // Closing the connection ends the suffix process, which says what its direction of the link lost.
            await channel.DisposeAsync().ConfigureAwait(false);
            var lost = await worker.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            var returnLost = lost is not null && lost.StartsWith("lost ", StringComparison.Ordinal) ? int.Parse(lost["lost ".Length..], CultureInfo.InvariantCulture) : 0;
            return (retransmissions, forward.Lost + returnLost);
        }
        finally
        {
            if (!worker.WaitForExit(5000))
            {
                worker.Kill(entireProcessTree: true);
            }
        }
    }

    private static void Cache(SplitRunner runner, SplitSettings settings)
    {
        if (settings.Cache)
        {
            runner.Exact = new ExactCache(4096);
            runner.Similar = new SimilarityCache(settings.Similarity, 4096);
        }
    }

    private void Print(SplitReport report, (string Prefix, string Suffix) sides)
    {
        var o = consoles.Out;
        o.MarkupLineInterpolated($"[bold]{Path.GetFileName(report.Model)}[/]: {report.Nodes} nodes, {F(report.WholeSeconds * 1000, "0.0")} ms a run here; link {report.Link}: {F(report.OneWayDelaySeconds * 1000, "0.#")} ms one way, {F(report.ForwardMbps, "0.##")} Mbit/s {sides.Prefix}→{sides.Suffix}, {F(report.ReturnMbps, "0.##")} Mbit/s back, {F(100 * report.LossRate, "0.#")}% lost");
        o.MarkupLineInterpolated($"{sides.Prefix} runs the prefix on {report.PrefixDevice}; {sides.Suffix} the suffix on {report.SuffixDevice}; planned for {report.Objective} over {report.Candidates} candidates{(report.AllCutsListed ? "" : " (too many cuts to list: those along the model's node order, and the minimum cut)")} in {F(report.PlanSeconds * 1000, "0.0")} ms");
        var table = new Table().AddColumns("", "cut", "codec", "prefix ms", "encode ms", "sent", "send ms", "suffix ms", "reply ms", "delay ms", "latency ms", "req/s");
        void Add(string name, SplitCandidateMetrics row) => table.AddRow(Markup.Escape(name), Markup.Escape(row.Kind == "split" ? string.Join(" + ", row.Tensors) : row.Kind), row.Codec,
            F(row.PrefixSeconds * 1000, "0.00"), F(row.EncodeSeconds * 1000, "0.00"), Bytes(row.SentBytes), F(row.SendSeconds * 1000, "0.00"), F(row.SuffixSeconds * 1000, "0.00"),
            F(row.ReplySeconds * 1000, "0.00"), F((row.DelaySeconds + row.LossSeconds) * 1000, "0.0"), F(row.LatencySeconds * 1000, "0.00"), F(row.ThroughputPerSecond, "0.0"));
        Add("best", report.Best);
        Add($"all on {sides.Prefix}", report.AllPrefix);
        Add($"all on {sides.Suffix}", report.AllSuffix);
        foreach (var row in report.Table.Take(12))
        {
            Add("", row);
        }

        o.Write(table);
        if (report.Table.Count > 12)
        {
            o.MarkupLineInterpolated($"… and {report.Table.Count - 12} more candidates (--json lists them all)");
        }

        var sweep = new Table().AddColumns("Mbit/s", $"all on {sides.Prefix} ms", $"all on {sides.Suffix} ms", "best ms", "best cut");
        foreach (var point in report.Sweep)
        {
            sweep.AddRow(F(point.ForwardMbps, "0"), F(point.AllPrefixSeconds * 1000, "0.0"), F(point.AllSuffixSeconds * 1000, "0.0"), F(point.BestSeconds * 1000, "0.0"), Markup.Escape(point.BestCut));
        }

        o.Write(sweep);
        if (report.Run is { } run)
        {
            o.MarkupLineInterpolated($"ran {run.Requests} requests ({run.Transport}, codec {run.Codec}, delays ×{F(run.TimeScale, "0.###")}, measured here): {run.ExactOutputs} outputs exactly the whole model's, latency p50 {F(run.P50Seconds * 1000, "0.0")} ms, p99 {F(run.P99Seconds * 1000, "0.0")} ms, {run.Retransmissions} retransmissions for {run.Lost} lost messages");
            if (run.Cache is { } cache)
            {
                o.MarkupLineInterpolated($"caches: {cache.ExactHits} exact hits, {cache.SimilarityHits} similarity hits (cosine ≥ {cache.Threshold}) of which {cache.FalseHits} more than 5% off, {cache.Prefetched} prefetched at {F(100 * cache.PrefetchShare, "0")}% of the idle link; mean latency {F(run.MeanSeconds * 1000, "0.0")} ms against {F(report.Best.LatencySeconds * 1000, "0.0")} ms planned without");
            }

            foreach (var change in run.CodecChanges)
            {
                o.MarkupLineInterpolated($"  {change.Codec}: output change max {change.MaxAbs:G3}, relative L2 {change.RelativeL2:G3}");
            }
        }
    }

    private static string Bytes(long bytes) => bytes >= 1 << 20 ? F(bytes / 1048576.0, "0.0") + " MiB" : bytes >= 1024 ? F(bytes / 1024.0, "0.0") + " KiB" : bytes + " B";

    private static string F(double value, string format = "G17") => value.ToString(format, CultureInfo.InvariantCulture);
}

/// <summary>What <c>selene split</c> prints with --json.</summary>
internal sealed record SplitReport(string Model, int Nodes, double WholeSeconds, string PrefixSide, string SuffixSide, string Link, double OneWayDelaySeconds,
    double ForwardMbps, double ReturnMbps, double LossRate, string PrefixDevice, string SuffixDevice, string Objective, double PlanSeconds, int Candidates,
    bool AllCutsListed, SplitCandidateMetrics Best, SplitCandidateMetrics AllPrefix, SplitCandidateMetrics AllSuffix, IReadOnlyList<SplitCandidateMetrics> Table, IReadOnlyList<SweepPoint> Sweep, RunReport? Run);

/// <summary>A measured run of the chosen split.</summary>
internal sealed record RunReport(string Transport, string Codec, double TimeScale, int Requests, int ExactOutputs, double MeanSeconds, double P50Seconds, double P99Seconds,
    int Retransmissions, int Lost, IReadOnlyList<CodecChange> CodecChanges, CacheReport? Cache);

/// <summary>What the caches answered in a run: hits of each kind, similarity hits more than 5% off the truth, requests prefetched.</summary>
internal sealed record CacheReport(int ExactHits, int SimilarityHits, int FalseHits, int Prefetched, double Threshold, double PrefetchShare);

/// <summary>How far a codec moves the output at the chosen cut.</summary>
internal sealed record CodecChange(string Codec, double MaxAbs, double RelativeL2);
