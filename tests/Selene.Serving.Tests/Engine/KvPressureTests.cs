using Selene.Serving.Benchmarking;
using Selene.Serving.Engine;

namespace Selene.Serving.Tests.Engine;

public sealed class KvPressureTests
{
    /// <summary>Long prompts on a GPU with little room for KV cache: requests are preempted and recomputed, and every one is still served.</summary>
    [Fact]
    public void Long_prompts_on_a_small_gpu_preempt_recompute_and_all_finish()
    {
        var model = TestReplicas.SmallGpu(300); // 4,800 tokens of KV cache
        var log = new RequestLog();
        var engine = new ContinuousBatchingEngine(model, new EngineConfig(2048, 64), log);
        var random = new Random(7);
        var requests = Enumerable.Range(0, 200)
            .Select(i => new EngineRequest(2000 + random.Next(2000), 100 + random.Next(400), i * 0.05))
            .ToList();
        EngineDriver.Replay(engine, requests);

        Assert.Equal(200, log.Finished.Count);
        Assert.True(engine.Preemptions > 0);
        Assert.Equal(engine.Preemptions, requests.Sum(r => r.Preemptions));
        Assert.Equal(engine.Preemptions, log.Preemptions);
        Assert.All(requests, r => Assert.Equal(r.OutputTokens, r.GeneratedTokens));
        Assert.Equal(0, engine.KvCacheUsage);
    }

    [Fact]
    public void A_request_longer_than_the_whole_cache_is_refused_not_looped()
    {
        var model = TestReplicas.SmallGpu(300);
        var log = new RequestLog();
        var engine = new ContinuousBatchingEngine(model, new EngineConfig(2048, 64), log);
        EngineDriver.Replay(engine, [new EngineRequest(4000, 1000, 0), new EngineRequest(100, 10, 0)]);
        Assert.Equal(1, log.RejectedCount);
        Assert.Single(log.Finished);
    }
}
