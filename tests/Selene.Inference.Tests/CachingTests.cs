using Selene.Inference.Caching;
using Selene.Inference.Extraction;
using Selene.Inference.Graph;
using Selene.Inference.Models;
using Selene.Inference.Planning;
using Selene.Inference.Runtime;

namespace Selene.Inference.Tests;

public class CachingTests
{
    [Fact]
    public async Task A_repeated_request_is_answered_from_the_exact_cache_without_crossing_the_link()
    {
        var graph = OnnxGraph.FromBytes(TestModels.Chain(), "chain.onnx");
        using var runner = SplitRunner.InProcess(new SplitSession(SubModelExtractor.Extract(Cut.After(graph, "r1"))), LinkModel.Symmetric(0.01, 1e9), seed: 1);
        runner.Exact = new ExactCache(16);
        IReadOnlyList<TensorData> input = [TensorData.Of("X", [1, 16], TestModels.Input(16, 1))];

        var first = await runner.RunAsync(input, TensorCodec.None, TimeSpan.FromSeconds(10));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var second = await runner.RunAsync([TensorData.Of("X", [1, 16], TestModels.Input(16, 1))], TensorCodec.None, TimeSpan.FromSeconds(10));

        Assert.Equal((SplitAnswer.Computed, SplitAnswer.ExactCache), (first.Answer, second.Answer));
        Assert.True(clock.Elapsed.TotalSeconds < 0.02, "a hit does not wait for the 20 ms round trip");
        Assert.Equal(first.Outputs[0].Bytes, second.Outputs[0].Bytes);
        Assert.Equal(1, runner.Server!.Runs);
    }

    [Fact]
    public void The_similarity_cache_false_hit_rate_is_measured_and_falls_as_the_threshold_rises()
    {
        // A test set of ResNet18 requests: 12 distinct patterned images, each also sent again with 1% noise. A near-copy
        // hitting its original is a true hit; a hit on another image whose features differ by more than 5% is false.
        var graph = OnnxGraph.Load(BuiltInModels.Resolve("resnet18"));
        using var split = new SplitSession(SubModelExtractor.Extract(Cut.After(graph, "ReLU315_Output_0")));
        var noise = new Random(3);
        var testSet = new List<(IReadOnlyList<TensorData>, IReadOnlyList<TensorData>)>();
        foreach (var image in Enumerable.Range(0, 12))
        {
            var pixels = TestModels.Pattern(image);
            foreach (var copy in new[] { pixels, pixels.Select(p => p + (0.01f * (float)((noise.NextDouble() * 2) - 1))).ToArray() })
            {
                var inputs = new[] { TensorData.Of("Input247", [1, 3, 224, 224], copy) };
                var (message, _) = split.RunPrefix(inputs, TensorCodec.None);
                testSet.Add((TensorMessage.Read(message!), split.Run(inputs)));
            }
        }

        // Channel means after the second stage are alike for most images: only a very strict threshold keeps
        // false hits out (measured here: 0.99 → 18 false of 21 hits, 0.999 → 8 of 16, 0.99999 → 0 of 12).
        var loose = SimilarityCache.Evaluate(testSet, threshold: 0.99, tolerance: 0.05);
        var strict = SimilarityCache.Evaluate(testSet, threshold: 0.99999, tolerance: 0.05);

        Assert.Equal(24, strict.Requests);
        Assert.True(loose.FalseHits > 0, "different images look alike to a loose threshold");
        Assert.True(strict.Hits >= 12 && strict.FalseHits == 0, $"strict: {strict.Hits} hits, {strict.FalseHits} false");
        Assert.True(strict.FalseHits < loose.FalseHits);
    }

    [Fact]
    public async Task Prefetch_runs_the_expected_requests_within_its_share_of_the_idle_link()
    {
        var graph = OnnxGraph.FromBytes(TestModels.Chain(), "chain.onnx");
        var cache = new ExactCache(64);
        using var runner = SplitRunner.InProcess(new SplitSession(SubModelExtractor.Extract(Cut.After(graph, "r1"))), LinkModel.Symmetric(0.001, 1e9), seed: 1);
        runner.Exact = cache;
        var catalog = Enumerable.Range(0, 10).Select(i => (IReadOnlyList<TensorData>)[TensorData.Of("X", [1, 16], TestModels.Input(16, 50 + i))]).ToList();
        var prefetcher = new Prefetcher(runner, cache, budgetShare: 0.5);

        // 1 s idle at half share, 0.1 s of link per request: five requests, the five most expected.
        var ran = await prefetcher.FillAsync(catalog, idleSeconds: 1, linkSecondsPerRequest: 0.1, TensorCodec.None, TimeSpan.FromSeconds(10));

        Assert.Equal(5, ran);
        Assert.Equal(0.5, prefetcher.LinkSeconds, 12);
        Assert.All(catalog.Take(5), c => Assert.True(cache.Contains(ExactCache.Key(c))));
        Assert.All(catalog.Skip(5), c => Assert.False(cache.Contains(ExactCache.Key(c))));
        Assert.Equal(SplitAnswer.ExactCache, (await runner.RunAsync(catalog[2], TensorCodec.None, TimeSpan.FromSeconds(10))).Answer);
        Assert.Equal(0, await prefetcher.FillAsync(catalog.Take(5), 1, 0.1, TensorCodec.None, TimeSpan.FromSeconds(10)));
    }
}
