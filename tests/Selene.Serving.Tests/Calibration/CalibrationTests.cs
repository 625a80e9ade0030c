using Selene.Serving.Calibration;
using Selene.Serving.Hardware;
using Xunit.Abstractions;

namespace Selene.Serving.Tests.Calibration;

/// <summary>
/// The <c>vllm</c> engine profile against measurements no one here made: Splitwise's Llama-2-70B FP16 medians
/// (Mutinifni/splitwise-sim data/perf_model.csv; shared reference, serving anchors §2).
/// </summary>
public sealed class CalibrationTests(ITestOutputHelper output)
{
    [Fact]
    public void The_profile_in_the_table_is_what_the_fit_gives()
    {
        var fitted = EfficiencyFit.Fit("vllm", SplitwiseMeasurements.FittedOn, new Dictionary<string, string>(), "refit");
        var table = EngineProfiles.Vllm;
        output.WriteLine($"refit: overhead {fitted.StepOverheadSeconds * 1e3:F3} ms, per sequence {fitted.PerSequenceSeconds * 1e3:F4} ms, attention {fitted.AttentionEfficiency:F3}");
        foreach (var (gpu, e) in fitted.Efficiencies)
        {
            output.WriteLine($"refit: {gpu} compute {e.Compute:F3} memory {e.Memory:F3}");
            Assert.Equal(table.Efficiencies[gpu].Compute, e.Compute, 0.01);
            Assert.Equal(table.Efficiencies[gpu].Memory, e.Memory, 0.01);
        }

        Assert.Equal(table.StepOverheadSeconds, fitted.StepOverheadSeconds, 0.05e-3);
        Assert.Equal(table.PerSequenceSeconds, fitted.PerSequenceSeconds, 0.005e-3);
        Assert.Equal(table.AttentionEfficiency, fitted.AttentionEfficiency, 0.005);
    }

    [Fact]
    public void Fitted_rows_are_within_15_percent()
    {
        foreach (var row in SplitwiseMeasurements.FittedOn)
        {
            var error = Error(row);
            output.WriteLine($"{row.Gpu} TP{row.TensorParallel} {row.Label}: measured {row.Seconds * 1e3:F1} ms, predicted {EfficiencyFit.Predict(EngineProfiles.Vllm, row) * 1e3:F1} ms, error {error:+0.0%;-0.0%}");
            Assert.InRange(error, -0.15, 0.15);
        }
    }

    /// <summary>
    /// H100 with 8-way tensor parallelism is held out: nothing was fitted on it, so it tests the tensor-parallel
    /// model (NCCL's ring latencies and the link's bandwidth). The 8192-token prefill is a known miss: the anchor has
    /// it only 11% faster than at TP4 (844.9 against 953.6 ms) while the 2048-token one is 32% faster (136.8 against
    /// 200.7 ms); no split of a prefill over twice the GPUs does both. It is held to the error it has now, so the
    /// miss stays visible and cannot grow.
    /// </summary>
    [Fact]
    public void Held_out_tensor_parallel_8_rows()
    {
        foreach (var row in SplitwiseMeasurements.H100Tp8)
        {
            var error = Error(row);
            output.WriteLine($"H100 TP8 {row.Label}: measured {row.Seconds * 1e3:F1} ms, predicted {EfficiencyFit.Predict(EngineProfiles.Vllm, row) * 1e3:F1} ms, error {error:+0.0%;-0.0%}");
            if (row.Label == "prefill 8192")
            {
                Assert.InRange(error, -0.39, -0.20);
            }
            else
            {
                Assert.InRange(error, -0.20, 0.20);
            }
        }
    }

    private static double Error(MeasuredStep row) => (EfficiencyFit.Predict(EngineProfiles.Vllm, row) / row.Seconds) - 1;
}
