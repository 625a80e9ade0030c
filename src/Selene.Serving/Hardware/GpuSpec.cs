namespace Selene.Serving.Hardware;

/// <summary>One GPU type as its data sheet gives it (dense figures; vendors quote twice these with sparsity).</summary>
/// <param name="Name">Type name as scenarios and nodes use it (H100, A100, ...).</param>
/// <param name="Bf16TeraFlops">Dense BF16 tensor-core peak, TFLOP/s.</param>
/// <param name="Fp8TeraFlops">Dense FP8 tensor-core peak, TFLOP/s; null where the GPU has no FP8 (then FP8 weights run at the BF16 rate).</param>
/// <param name="MemoryGigabytes">Device memory in GB (10⁹ bytes).</param>
/// <param name="BandwidthTerabytesPerSecond">Device memory bandwidth, TB/s.</param>
/// <param name="InterconnectGigabytesPerSecond">GPU-to-GPU bandwidth each way (NVLink, or PCIe where there is none), GB/s.</param>
/// <param name="HasNvLink">Whether the GPUs of a node talk over NVLink (else PCIe).</param>
/// <param name="ThermalDesignWatts">Board power at full load.</param>
/// <param name="Source">Where the figures come from.</param>
public sealed record GpuSpec(
    string Name,
    double Bf16TeraFlops,
    double? Fp8TeraFlops,
    double MemoryGigabytes,
    double BandwidthTerabytesPerSecond,
    double InterconnectGigabytesPerSecond,
    bool HasNvLink,
    double ThermalDesignWatts,
    string Source)
{
    /// <summary>Device memory in bytes.</summary>
    public double MemoryBytes => MemoryGigabytes * 1e9;

    /// <summary>Memory bandwidth in bytes per second.</summary>
    public double BandwidthBytesPerSecond => BandwidthTerabytesPerSecond * 1e12;

    /// <summary>GPU-to-GPU bandwidth each way in bytes per second.</summary>
    public double InterconnectBytesPerSecond => InterconnectGigabytesPerSecond * 1e9;

    /// <summary>Dense tensor-core peak in FLOP/s for weights of <paramref name="weights"/>.</summary>
    public double PeakFlops(WeightType weights) =>
        (weights == WeightType.Fp8 && Fp8TeraFlops is { } fp8 ? fp8 : Bf16TeraFlops) * 1e12;
}
