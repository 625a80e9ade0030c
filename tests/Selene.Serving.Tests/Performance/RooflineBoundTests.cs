using Selene.Serving.Hardware;
using Selene.Serving.Models;
using Selene.Serving.Performance;

namespace Selene.Serving.Tests.Performance;

public sealed class RooflineBoundTests
{
    /// <summary>No step is ever predicted faster than the hardware could run it at 100% of both of its peaks.</summary>
    [Fact]
    public void No_step_beats_its_roofline_bound()
    {
        var random = new Random(20261203);
        var models = ModelTable.All.Where(m => m.Kind == ModelKind.Llm).ToList();
        for (var trial = 0; trial < 5000; trial++)
        {
            var model = models[random.Next(models.Count)];
            var gpu = GpuTable.All[random.Next(GpuTable.All.Count)];
            var tp = 1 << random.Next(4);
            var weights = random.Next(2) == 0 ? WeightType.Bf16 : WeightType.Fp8;
            var step = new StepTimeModel(model, gpu, tp, weights, EngineProfiles.Vllm);
            var shape = default(BatchShape);
            var requests = 1 + random.Next(300);
            for (var i = 0; i < requests; i++)
            {
                shape += random.Next(4) == 0
                    ? BatchShape.Chunk(1 + random.Next(4096), random.Next(8192))
                    : BatchShape.Chunk(1, random.Next(32_768));
            }

            var seconds = step.Seconds(shape);
            var bound = step.RooflineBoundSeconds(shape);
            Assert.True(seconds >= bound, $"{model.Name} on {tp}×{gpu.Name} {weights}: {seconds} s < bound {bound} s");
            var line = step.Decodes(requests, random.Next(1_000_000));
            Assert.True(line.StepSeconds(0) >= step.RooflineBoundSeconds(BatchShape.Decodes(requests, 0)));
        }
    }

    [Fact]
    public void A_decode_line_sums_to_its_steps()
    {
        var step = new StepTimeModel(ModelTable.Find("llama-3.1-8b")!, GpuTable.Find("L40S")!, 1, WeightType.Bf16, EngineProfiles.Vllm);
        foreach (var (sequences, cached) in new[] { (1, 100.0), (64, 30_000.0), (256, 2_000_000.0), (900, 5e6) })
        {
            var line = step.Decodes(sequences, cached);
            double sum = 0;
            for (var j = 0; j < 3000; j++)
            {
                sum += step.Seconds(BatchShape.Decodes(sequences, cached + ((double)j * sequences)));
                if (j % 97 == 0 || j == 2999)
                {
                    Assert.Equal(sum, line.Seconds(j + 1), sum * 1e-12);
                }
            }
        }
    }

    [Fact]
    public void Prefill_is_compute_bound_and_small_batch_decode_memory_bound()
    {
        var step = new StepTimeModel(ModelTable.Find("llama-3.1-70b")!, GpuTable.Find("H100")!, 4, WeightType.Bf16, EngineProfiles.Vllm);
        Assert.Equal(PhaseBound.Compute, step.Bound(BatchShape.Chunk(4096, 0)));
        Assert.Equal(PhaseBound.Memory, step.Bound(BatchShape.Decodes(8, 8 * 1000)));
    }

    [Fact]
    public void Kv_bytes_per_token_match_the_published_derivations()
    {
        // inference-sim model_configs (shared reference, serving anchors §2): 512 KiB Llama-2-7B, 128 KiB Llama-3.1-8B, 320 KiB Llama-3.1-70B.
        Assert.Equal(512 * 1024, ModelTable.Find("llama-2-7b")!.KvBytesPerToken(WeightType.Bf16));
        Assert.Equal(128 * 1024, ModelTable.Find("llama-3.1-8b")!.KvBytesPerToken(WeightType.Bf16));
        Assert.Equal(320 * 1024, ModelTable.Find("llama-3.1-70b")!.KvBytesPerToken(WeightType.Bf16));
    }

    [Fact]
    public void A_mixture_of_experts_reads_more_experts_as_the_batch_grows()
    {
        var mixtral = ModelTable.Find("mixtral-8x7b")!;
        var one = mixtral.WeightBytesRead(1, WeightType.Bf16);
        var many = mixtral.WeightBytesRead(512, WeightType.Bf16);
        Assert.Equal((46.7e9 - 45.1e9 + (45.1e9 * 2 / 8)) * 2, one, 1e3);
        Assert.Equal(mixtral.WeightBytes(WeightType.Bf16), many, 1e6);
    }
}
