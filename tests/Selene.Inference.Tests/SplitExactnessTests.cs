using Selene.Inference.Extraction;
using Selene.Inference.Graph;
using Selene.Inference.Models;
using Selene.Inference.Runtime;

namespace Selene.Inference.Tests;

public class SplitExactnessTests
{
    [Fact]
    public void Every_cut_of_a_chain_runs_prefix_then_suffix_to_exactly_the_full_output()
    {
        var graph = OnnxGraph.FromBytes(TestModels.Chain(), "chain.onnx");
        var cuts = CutEnumerator.All(graph);

        Assert.Equal(graph.Nodes.Count + 1, cuts.Count);
        AssertEveryCutExact(graph, cuts, [TensorData.Of("X", [1, 16], TestModels.Input(16, 7))]);
    }

    [Fact]
    public void Every_cut_of_a_branching_graph_with_residual_joins_runs_to_exactly_the_full_output()
    {
        var graph = OnnxGraph.FromBytes(TestModels.Branching(), "branching.onnx");
        var cuts = CutEnumerator.All(graph);

        // Before the join a cut may hold a and b (the residual's two paths); after s, the branches c and d1/d
        // cut independently; the second output s stays with the prefix when it produces it.
        var crossings = cuts.Select(c => string.Join(",", c.Tensors)).ToList();
        Assert.Contains("a,b", crossings);
        Assert.Contains("c,d1", crossings);
        Assert.All(cuts, c => Assert.Equal(c.PrefixNodes.Count, c.PrefixNodes.Distinct().Count()));
        AssertEveryCutExact(graph, cuts, [TensorData.Of("X", [1, 8], TestModels.Input(8, 9))]);
    }

    [Fact]
    public void ResNet18_split_inside_and_between_residual_blocks_gives_exactly_the_full_output()
    {
        var graph = OnnxGraph.Load(BuiltInModels.Resolve("resnet18"));
        var input = TensorData.Of("Input247", [1, 3, 224, 224], TestModels.Input(3 * 224 * 224, 5));
        // After the stem's pooling; inside the first block (two tensors cross: the block's input and its main path);
        // just before the first join; after the third block's join; just before the final pooling.
        var cuts = new[]
        {
            Cut.After(graph, "Pooling255_Output_0"),
            Cut.Of(graph, Cut.After(graph, "ReLU261_Output_0").PrefixNodes),
            Cut.After(graph, "BatchNormalization265_Output_0"),
            Cut.After(graph, graph.Nodes.Where(n => n.OpType == "Add").ElementAt(2).Outputs[0]),
            Cut.After(graph, graph.Nodes[^2].Outputs[0]),
        };
        Assert.Equal(["Pooling255_Output_0", "ReLU261_Output_0"], cuts[1].Tensors);

        AssertEveryCutExact(graph, cuts, [input]);
    }

    [Fact]
    public void Every_cut_of_ResNet18_keeps_fused_pairs_together_and_runs_to_exactly_the_full_output()
    {
        var graph = OnnxGraph.Load(BuiltInModels.Resolve("resnet18"));
        var cuts = CutEnumerator.All(graph);

        Assert.Throws<ArgumentException>(() => Cut.Of(graph, Cut.After(graph, "Pooling255_Output_0").PrefixNodes.Append(graph.ProducerOf("Convolution257_Output_0"))));
        Assert.DoesNotContain(cuts, c => c.Tensors.Any(t => t.StartsWith("Convolution", StringComparison.Ordinal)));
        AssertEveryCutExact(graph, cuts, [TensorData.Of("Input247", [1, 3, 224, 224], TestModels.Input(3 * 224 * 224, 6))]);
    }

    [Fact]
    public void Every_cut_the_planner_lists_for_a_model_without_intermediate_types_runs_to_exactly_the_full_output()
    {
        // Many exporters write no value_info for intermediate tensors: the cut [r0, c1]-style crossings of such a model
        // once failed with "crosses the cut but the model gives it no tensor type". Their types come from the profiling run.
        var model = Onnx.ModelProto.Parser.ParseFrom(TestModels.Branching());
        model.Graph.ValueInfo.Clear();
        var graph = OnnxGraph.FromModel(model, "untyped.onnx");
        var inputs = new[] { TensorData.Of("X", [1, 8], TestModels.Input(8, 9)) };

        var profile = Selene.Inference.Profiling.ModelProfiler.Profile(graph, inputs, warmUps: 0, runs: 1);
        var plan = Selene.Inference.Planning.SplitPlanner.Plan(profile, new Selene.Inference.Planning.PlanOptions(
            Selene.Inference.Planning.LinkModel.Symmetric(0.005, 30e6), Selene.Inference.Planning.DeviceClass.Parse("local"), Selene.Inference.Planning.DeviceClass.Parse("h100"),
            [TensorCodec.None], null));

        Assert.True(plan.Candidates.Count > 5, $"{plan.Candidates.Count} candidates");
        AssertEveryCutExact(graph, plan.Candidates.Select(c => c.Cut).DistinctBy(c => c.Label), inputs);
    }

    internal static void AssertEveryCutExact(OnnxGraph graph, IEnumerable<Cut> cuts, IReadOnlyList<TensorData> inputs)
    {
        using var whole = new SplitSession(SubModelExtractor.Extract(Cut.Of(graph, Enumerable.Range(0, graph.Nodes.Count))));
        var expected = whole.Run(inputs).ToDictionary(t => t.Name);
        Assert.Equal(graph.Outputs.Order(), expected.Keys.Order());
        foreach (var cut in cuts)
        {
            using var split = new SplitSession(SubModelExtractor.Extract(cut));
            var actual = split.Run(inputs).ToDictionary(t => t.Name);
            Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
            foreach (var (name, tensor) in expected)
            {
                Assert.Equal(tensor.Shape, actual[name].Shape);
                Assert.True(tensor.Bytes.AsSpan().SequenceEqual(actual[name].Bytes), $"cut [{cut.Label}]: output {name} differs");
            }
        }
    }
}
