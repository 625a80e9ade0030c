using Selene.Serving.Hardware;
using Selene.Serving.Models;
using Selene.Serving.Performance;

namespace Selene.Serving.Tests.Engine;

/// <summary>Replicas for engine tests, including a GPU with little memory so that the KV cache runs out.</summary>
internal static class TestReplicas
{
    /// <summary>The vllm profile, with a made-up small GPU that borrows the A100's efficiencies.</summary>
    public static EngineProfile Profile { get; } = EngineProfiles.Vllm with
    {
        Borrowed = new Dictionary<string, string>(EngineProfiles.Vllm.Borrowed, StringComparer.Ordinal) { ["SMALL"] = "A100" },
    };

    /// <summary>Llama-3.1-8B on a GPU with room for about <paramref name="kvBlocks"/> blocks of KV cache.</summary>
    public static StepTimeModel SmallGpu(int kvBlocks)
    {
        var model = ModelTable.Find("llama-3.1-8b")!;
        var bytes = (model.WeightBytes(WeightType.Bf16) + (kvBlocks * 16 * model.KvBytesPerToken(WeightType.Bf16)) + 1e6) / 0.9;
        var gpu = new GpuSpec("SMALL", 312, null, bytes / 1e9, 2.0, 300, true, 400, "test");
        return new StepTimeModel(model, gpu, 1, WeightType.Bf16, Profile);
    }

    /// <summary>Random requests: Poisson arrivals at <paramref name="rate"/>, log-uniform prompt and output lengths.</summary>
    public static List<(double Arrival, int Prompt, int Output)> Workload(int seed, int count, double rate, int maxPrompt, int maxOutput)
    {
        var random = new Random(seed);
        var time = 0.0;
        var requests = new List<(double, int, int)>(count);
        for (var i = 0; i < count; i++)
        {
            time += -Math.Log(1 - random.NextDouble()) / rate;
            requests.Add((time, LogUniform(random, maxPrompt), LogUniform(random, maxOutput)));
        }

        return requests;
    }

    private static int LogUniform(Random random, int max) => Math.Max(1, (int)Math.Exp(random.NextDouble() * Math.Log(max)));
}
