using Selene.Inference.Extraction;
using Selene.Inference.Graph;
using Selene.Inference.Models;
using Selene.Inference.Planning;
using Selene.Inference.Runtime;

namespace Selene.Inference.Tests;

public class SplitRunnerTests
{
    [Fact]
    public async Task Ten_percent_of_messages_lost_each_way_loses_no_request()
    {
        var graph = OnnxGraph.FromBytes(TestModels.Branching(), "branching.onnx");
        var cut = CutEnumerator.All(graph).First(c => c.Tensors.SequenceEqual(["a", "b"]));
        using var whole = new SplitSession(SubModelExtractor.Extract(Cut.Of(graph, Enumerable.Range(0, graph.Nodes.Count))));
        using var runner = SplitRunner.InProcess(new SplitSession(SubModelExtractor.Extract(cut)), LinkModel.Symmetric(0.002, 1e9, lossRate: 0.1), seed: 42,
            retransmitAfter: TimeSpan.FromMilliseconds(30));
        var inputs = Enumerable.Range(0, 200).Select(i => (IReadOnlyList<TensorData>)[TensorData.Of("X", [1, 8], TestModels.Input(8, 100 + i))]).ToList();

        var results = new List<IReadOnlyList<TensorData>>();
        foreach (var batch in inputs.Chunk(25))
        {
            results.AddRange((await Task.WhenAll(batch.Select(input => runner.RunAsync(input, TensorCodec.None, TimeSpan.FromSeconds(30))))).Select(r => r.Outputs));
        }

        for (var i = 0; i < inputs.Count; i++)
        {
            var expected = whole.Run(inputs[i]).ToDictionary(t => t.Name);
            Assert.All(results[i], t => Assert.Equal(expected[t.Name].Bytes, t.Bytes));
            Assert.Equal(2, results[i].Count);
        }

        var (forward, back) = runner.Emulators!.Value;
        // About a tenth of the bundles each way were dropped, every drop was made good by a retransmission, and each
        // request ran once on the far side however many copies of it arrived.
        Assert.InRange(forward.Lost, 8, 45);
        Assert.InRange(back.Lost, 8, 45);
        Assert.True(runner.Retransmissions >= forward.Lost + back.Lost, $"{runner.Retransmissions} retransmissions for {forward.Lost + back.Lost} losses");
        Assert.Equal(200, runner.Server!.Runs);
    }

    [Fact]
    public async Task A_request_whose_lifetime_ends_on_the_way_times_out_and_the_far_side_does_not_run_it()
    {
        var graph = OnnxGraph.FromBytes(TestModels.Chain(), "chain.onnx");
        using var runner = SplitRunner.InProcess(new SplitSession(SubModelExtractor.Extract(Cut.After(graph, "r1"))), LinkModel.Symmetric(1.0, 1e9), seed: 1);
        IReadOnlyList<TensorData> input = [TensorData.Of("X", [1, 16], TestModels.Input(16, 3))];
        // One request that arrives and one that times out first, so neither the first run's start-up nor the first
        // exception's (the runtime loads its stack-trace machinery then: 0.8 s on a loaded machine) is timed.
        await runner.RunAsync(input, TensorCodec.None, TimeSpan.FromSeconds(10));
        await Assert.ThrowsAsync<TimeoutException>(() => runner.RunAsync(input, TensorCodec.None, TimeSpan.FromMilliseconds(100)));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAsync<TimeoutException>(() => runner.RunAsync(input, TensorCodec.None, TimeSpan.FromMilliseconds(100)));

        // Given up at the lifetime, not after a round trip that could not bring a reply (2 s). Under a loaded CI run
        // the give-up has been seen to come 0.8 s after the start, hence a link long enough to tell the two apart.
        Assert.InRange(clock.Elapsed.TotalSeconds, 0.09, 1.9);
        await Task.Delay(1100);
        Assert.Equal(1, runner.Server!.Runs);
    }

    [Fact]
    public async Task A_deadline_stops_the_prefix_inside_ONNX_Runtime()
    {
        var graph = OnnxGraph.Load(BuiltInModels.Resolve("resnet18"));
        using var runner = SplitRunner.InProcess(new SplitSession(SubModelExtractor.Extract(Cut.After(graph, graph.Nodes[^2].Outputs[0]))), LinkModel.Symmetric(0, 1e9), seed: 1);
        var input = TensorData.Of("Input247", [1, 3, 224, 224], TestModels.Input(3 * 224 * 224, 5));
        await runner.RunAsync([input], TensorCodec.None, TimeSpan.FromSeconds(30)); // warm

        var error = await Assert.ThrowsAsync<TimeoutException>(() => runner.RunAsync([input], TensorCodec.None, TimeSpan.FromMilliseconds(2)));

        Assert.Contains("prefix", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TensorCodec.Lz4)]
    [InlineData(TensorCodec.Zstd)]
    public void Lossless_codecs_give_exactly_the_full_output(TensorCodec codec)
    {
        var graph = OnnxGraph.FromBytes(TestModels.Branching(), "branching.onnx");
        var input = new[] { TensorData.Of("X", [1, 8], TestModels.Input(8, 4)) };
        using var whole = new SplitSession(SubModelExtractor.Extract(Cut.Of(graph, Enumerable.Range(0, graph.Nodes.Count))));
        using var split = new SplitSession(SubModelExtractor.Extract(Cut.After(graph, "a")));

        var expected = whole.Run(input).ToDictionary(t => t.Name);
        Assert.All(split.Run(input, codec), t => Assert.Equal(expected[t.Name].Bytes, t.Bytes));
    }

    [Theory]
    [InlineData(new long[] { 1, 15 }, 15, "has shape 1×15")]
    [InlineData(new long[] { 16 }, 16, "the model wants 1×16")]
    [InlineData(new long[] { 1, 16 }, 8, "and 32 bytes")]
    public void An_input_of_the_wrong_shape_is_refused_with_what_the_model_wants(long[] shape, int values, string expected)
    {
        var graph = OnnxGraph.FromBytes(TestModels.Chain(), "chain.onnx");
        using var split = new SplitSession(SubModelExtractor.Extract(Cut.After(graph, "r1")));

        var error = Assert.Throws<ArgumentException>(() => split.Run([TensorData.Of("X", shape, new float[values])]));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
