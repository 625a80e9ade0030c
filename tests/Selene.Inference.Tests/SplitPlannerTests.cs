using Selene.Inference.Graph;
using Selene.Inference.Models;
using Selene.Inference.Planning;
using Selene.Inference.Profiling;
using Selene.Inference.Runtime;

namespace Selene.Inference.Tests;

public class SplitPlannerTests
{
    // 20 links and device pairs: delays from none to the Moon's, bandwidths from a slow radio to a fast fibre, and the
    // far side from a quarter of this machine's speed to a data-centre GPU.
    public static TheoryData<double, double, string, string> Configurations()
    {
        var data = new TheoryData<double, double, string, string>();
        var delays = new[] { 0.0, 0.005, 0.1, 1.28 };
        var bandwidths = new[] { 1e5, 1e6, 2e7, 2e8, 1e10 };
        var devices = new[] { ("local", "ratio:0.25"), ("local", "ratio:4"), ("local", "h100"), ("orin", "h200"), ("ratio:0.1", "h100") };
        for (var i = 0; i < 20; i++)
        {
            var (prefix, suffix) = devices[i % devices.Length];
            data.Add(delays[i % delays.Length], bandwidths[(i / 4) % bandwidths.Length], prefix, suffix);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void The_minimum_cut_finds_the_least_latency_of_an_exhaustive_search_on_a_branching_graph(double delay, double bandwidth, string prefix, string suffix)
    {
        var profile = Profiles.Branching;
        var options = new PlanOptions(LinkModel.Symmetric(delay, bandwidth), DeviceClass.Parse(prefix), DeviceClass.Parse(suffix), [.. Enum.GetValues<TensorCodec>()]);

        var chosen = SplitPlanner.MinimumCut(profile, options);
        var exhaustive = SplitPlanner.Exhaustive(profile, options);

        Assert.Equal(exhaustive.LatencySeconds, chosen.LatencySeconds, exhaustive.LatencySeconds * 1e-9);
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void The_minimum_cut_finds_the_least_latency_of_an_exhaustive_search_on_ResNet18(double delay, double bandwidth, string prefix, string suffix)
    {
        var profile = Profiles.ResNet18;
        var options = new PlanOptions(LinkModel.Symmetric(delay, bandwidth), DeviceClass.Parse(prefix), DeviceClass.Parse(suffix), PlanOptions.Lossless);

        var chosen = SplitPlanner.MinimumCut(profile, options);
        var exhaustive = SplitPlanner.Exhaustive(profile, options);

        Assert.Equal(exhaustive.LatencySeconds, chosen.LatencySeconds, exhaustive.LatencySeconds * 1e-9);
    }

    [Theory]
    [InlineData(1.28, 2e7, "local", "h100", "local")]
    [InlineData(0, 1e9, "ratio:0.1", "h100", "remote")]
    [InlineData(0, 3e7, "ratio:0.1", "h100", "split")]
    public void Each_kind_of_answer_comes_where_it_should(double delay, double bandwidth, string prefix, string suffix, string expected)
    {
        // Over the Moon's round trip ResNet18 stays local; from a slow machine on a fast link it all goes across; on a
        // slower link the prefix runs to the stem's pooling, whose output (after ReLU, largely zeros) compresses well.
        var best = SplitPlanner.MinimumCut(Profiles.ResNet18, new PlanOptions(LinkModel.Symmetric(delay, bandwidth), DeviceClass.Parse(prefix), DeviceClass.Parse(suffix), PlanOptions.Lossless));

        Assert.Equal(expected, best.Cut.AllInPrefix ? "local" : best.Cut.AllInSuffix ? "remote" : "split");
    }

    [Fact]
    public void A_plan_lists_every_cut_under_every_codec_with_each_cost_term_and_over_the_Moon_keeps_ResNet18_on_Earth()
    {
        var profile = Profiles.ResNet18;
        var plan = SplitPlanner.Plan(profile, new PlanOptions(LinkModel.EarthMoon, DeviceClass.Local, DeviceClass.Parse("h100"), PlanOptions.Lossless));

        Assert.Equal(((CutEnumerator.All(profile.Graph).Count - 1) * 3) + 1, plan.Candidates.Count);
        Assert.True(plan.Best.Cut.AllInPrefix, $"best was {plan.Best.Cut.Label}");
        // All on the Moon: the input's 602,112 bytes (less what a lossless codec saves) up at 20 Mbit/s, and the round trip.
        Assert.InRange(plan.AllSuffix.SentBytes, 400_000, 602_112 + 100);
        Assert.Equal(plan.AllSuffix.SentBytes * 8 / 20e6, plan.AllSuffix.SendSeconds, 1e-9);
        Assert.Equal(2 * 1.2822, plan.AllSuffix.DelaySeconds, 1e-3);
        Assert.All(plan.Candidates.Where(c => !c.Cut.AllInPrefix), c => Assert.Equal(c.PrefixSeconds + c.EncodeSeconds + c.SendSeconds + c.SuffixSeconds + c.ReplySeconds + c.DelaySeconds + c.LossSeconds, c.LatencySeconds, 1e-12));
    }

    [Fact]
    public void Within_a_latency_budget_the_throughput_plan_offloads_the_suffix_to_pipeline_the_work()
    {
        // Earth's machine alone does about 1/(whole model) requests a second; with a 3 s budget over the Moon link
        // and an H100 across it, a split or all-remote plan does more.
        var profile = Profiles.ResNet18;
        var plan = SplitPlanner.Plan(profile, new PlanOptions(LinkModel.Symmetric(1.28, 1e9), DeviceClass.Local, DeviceClass.Parse("h100"), PlanOptions.Lossless, LatencyBudgetSeconds: 3));

        Assert.False(plan.Best.Cut.AllInPrefix);
        Assert.True(plan.Best.LatencySeconds <= 3);
        Assert.True(plan.Best.ThroughputPerSecond > 1.5 * plan.AllPrefix.ThroughputPerSecond, $"{plan.Best.ThroughputPerSecond:0.0}/s against {plan.AllPrefix.ThroughputPerSecond:0.0}/s");
    }

    [Fact]
    public void When_the_link_slows_the_plan_moves_work_back_to_the_requester_and_small_changes_do_not_replan()
    {
        var planner = new AdaptivePlanner(Profiles.ResNet18, new PlanOptions(LinkModel.Symmetric(0, 1e9), DeviceClass.Parse("ratio:0.1"), DeviceClass.Parse("h100"), PlanOptions.Lossless));
        Assert.True(planner.Current.Cut.AllInSuffix);

        Assert.False(planner.Observe(0.9e9));
        Assert.Equal(0, planner.Replans);
        Assert.True(planner.Observe(3e7));
        Assert.False(planner.Current.Cut.AllInSuffix || planner.Current.Cut.AllInPrefix);
        Assert.Equal(3e7, planner.PlannedBitsPerSecond);
        Assert.True(planner.Observe(1e9));
        Assert.True(planner.Current.Cut.AllInSuffix);
        Assert.Equal(2, planner.Replans);
    }

    private static class Profiles
    {
        public static ModelProfile Branching { get; } = ModelProfiler.Profile(OnnxGraph.FromBytes(TestModels.Branching(), "branching.onnx"));

        public static ModelProfile ResNet18 { get; } = ModelProfiler.Profile(OnnxGraph.Load(BuiltInModels.Resolve("resnet18")));
    }

    [Fact]
    public void A_model_of_sixty_parallel_branches_is_planned_over_the_cuts_along_its_node_order_and_the_minimum_cut()
    {
        // X → 60 branches Relu(X·Wᵢ) → Sum → Y: 2⁶⁰ valid cuts, far too many to list; the table once came out empty.
        var model = TestModels.New("branches");
        var g = model.Graph;
        g.Input.Add(TestModels.Float("X", 1, 4));
        for (var i = 0; i < 60; i++)
        {
            TestModels.Node(g, "Relu", ["X"], $"b{i}");
        }

        TestModels.Node(g, "Sum", [.. Enumerable.Range(0, 60).Select(i => $"b{i}")], "Y");
        g.Output.Add(TestModels.Float("Y", 1, 4));
        var graph = Selene.Inference.Graph.OnnxGraph.FromModel(model, "branches.onnx");
        var profile = Selene.Inference.Profiling.ModelProfiler.Modelled(graph);

        var plan = SplitPlanner.Plan(profile, new PlanOptions(LinkModel.Symmetric(0.005, 30e6), DeviceClass.Local, DeviceClass.Parse("h100"), [Selene.Inference.Runtime.TensorCodec.None]));

        Assert.False(plan.AllCutsListed);
        Assert.Equal(graph.Nodes.Count + 1, plan.Candidates.Select(c => c.Cut.Label).Distinct().Count());
        Assert.Contains(plan.Candidates, c => c.Cut.Label == plan.Best.Cut.Label);
        Assert.Equal(plan.Candidates.Min(c => c.LatencySeconds), plan.Best.LatencySeconds, 12);
    }
}
