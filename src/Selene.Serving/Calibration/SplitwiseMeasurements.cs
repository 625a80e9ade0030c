using Selene.Serving.Performance;

namespace Selene.Serving.Calibration;

/// <summary>
/// Splitwise's DGX measurements of Llama-2-70B at FP16 (Mutinifni/splitwise-sim <c>data/perf_model.csv</c>, medians;
/// shared reference, serving anchors §2): a prefill of 512, 2048 and 8192 prompt tokens alone, and the time per
/// output token of batches of 1, 32 and 64 requests of 512 prompt tokens generating 128 (so each decode step reads
/// 512 + 63.5 cached tokens a request on average).
/// </summary>
public static class SplitwiseMeasurements
{
    private const string Model = "llama-2-70b";
    private const double MeanDecodeContext = 512 + 63.5;

    /// <summary>H100 with 4-way tensor parallelism: fitted on.</summary>
    public static IReadOnlyList<MeasuredStep> H100Tp4 { get; } = Rows("H100", 4, [59.6, 200.7, 953.6], [29.7, 36.9, 52.4]);

    /// <summary>A100 80GB with 4-way tensor parallelism: fitted on.</summary>
    public static IReadOnlyList<MeasuredStep> A100Tp4 { get; } = Rows("A100", 4, [127.0, 403.3, 2278.5], [45.0, 52.4, 73.0]);

    /// <summary>H100 with 8-way tensor parallelism: held out, to test the tensor-parallel model.</summary>
    public static IReadOnlyList<MeasuredStep> H100Tp8 { get; } = Rows("H100", 8, [53.4, 136.8, 844.9], [29.8, 38.6, 50.2]);

    /// <summary>The rows the <c>vllm</c> profile is fitted on.</summary>
    public static IReadOnlyList<MeasuredStep> FittedOn { get; } = [.. H100Tp4, .. A100Tp4];

    private static MeasuredStep[] Rows(string gpu, int tp, double[] prefillMs, double[] decodeMs)
    {
        int[] prompts = [512, 2048, 8192];
        int[] batches = [1, 32, 64];
        var rows = new List<MeasuredStep>();
        for (var i = 0; i < 3; i++)
        {
            rows.Add(new MeasuredStep($"prefill {prompts[i]}", Model, gpu, tp, BatchShape.Chunk(prompts[i], 0), prefillMs[i] / 1000));
        }

        for (var i = 0; i < 3; i++)
        {
            rows.Add(new MeasuredStep($"decode bs {batches[i]}", Model, gpu, tp, BatchShape.Decodes(batches[i], batches[i] * MeanDecodeContext), decodeMs[i] / 1000));
        }

        return [.. rows];
    }
}
