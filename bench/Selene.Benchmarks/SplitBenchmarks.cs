using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Selene.Inference.Extraction;
using Selene.Inference.Graph;
using Selene.Inference.Models;
using Selene.Inference.Planning;
using Selene.Inference.Profiling;
using Selene.Inference.Runtime;

namespace Selene.Benchmarks;

/// <summary>
/// ResNet18 split against itself whole: the cost of running it as a prefix and a suffix joined by a zero-delay
/// in-process link, against one session, the two interleaved in one process; and the time to plan every cut.
/// </summary>
public static class SplitBenchmarks
{
    /// <summary>
    /// <paramref name="runs"/> requests each way, alternating: one session of the whole model (the anchor), the
    /// split run directly (prefix, message, suffix), and the split through the bundle layer over a link with no delay.
    /// </summary>
    public static async Task<string> OverheadAsync(int runs, string cutTensor, int threads)
    {
        var graph = OnnxGraph.Load(BuiltInModels.Resolve("resnet18"));
        var cut = Cut.After(graph, cutTensor);
        SessionOptions Options()
        {
            var options = SplitSession.DefaultOptions();
            options.IntraOpNumThreads = threads;
            return options;
        }

        using var whole = new SplitSession(SubModelExtractor.Extract(Cut.Of(graph, Enumerable.Range(0, graph.Nodes.Count))), Options);
        using var split = new SplitSession(SubModelExtractor.Extract(cut), Options);
        using var linked = SplitRunner.InProcess(new SplitSession(SubModelExtractor.Extract(cut), Options), new LinkModel("none", 0, double.PositiveInfinity, double.PositiveInfinity), seed: 1);
        var input = ModelProfiler.SampleInputs(graph);
        var lifetime = TimeSpan.FromMinutes(1);
        for (var i = 0; i < 10; i++)
        {
            whole.Run(input);
            split.Run(input);
            await linked.RunAsync(input, TensorCodec.None, lifetime);
        }

        var times = new List<double>[] { [], [], [] };
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            whole.Run(input);
            times[0].Add(clock.Elapsed.TotalSeconds);
            clock.Restart();
            split.Run(input);
            times[1].Add(clock.Elapsed.TotalSeconds);
            clock.Restart();
            await linked.RunAsync(input, TensorCodec.None, lifetime);
            times[2].Add(clock.Elapsed.TotalSeconds);
        }

        double Median(List<double> t) => t.Order().ElementAt(t.Count / 2);
        var (w, s, l) = (Median(times[0]), Median(times[1]), Median(times[2]));
        return string.Create(CultureInfo.InvariantCulture,
            $"split-overhead cut={cutTensor} threads={threads} runs={runs} whole_ms={w * 1000:0.00} split_ms={s * 1000:0.00} linked_ms={l * 1000:0.00} split_ratio={s / w:0.000} linked_ratio={l / w:0.000}");
    }

    /// <summary>Profiling once, then planning every valid cut under the lossless codecs over the Earth–Moon link, <paramref name="runs"/> times.</summary>
    public static string Plan(int runs)
    {
        var graph = OnnxGraph.Load(BuiltInModels.Resolve("resnet18"));
        var profile = ModelProfiler.Profile(graph);
        var options = new PlanOptions(LinkModel.EarthMoon, DeviceClass.Local, DeviceClass.Parse("h100"), PlanOptions.Lossless);
        var clock = Stopwatch.StartNew();
        var plan = SplitPlanner.Plan(profile, options);
        var first = clock.Elapsed.TotalSeconds;
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            clock.Restart();
            plan = SplitPlanner.Plan(profile, options);
            times.Add(clock.Elapsed.TotalSeconds);
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"split-plan model=resnet18 cuts={CutEnumerator.All(graph).Count} candidates={plan.Candidates.Count} first_ms={first * 1000:0.0} median_ms={times.Order().ElementAt(times.Count / 2) * 1000:0.0} max_ms={times.Max() * 1000:0.0}");
    }
}
