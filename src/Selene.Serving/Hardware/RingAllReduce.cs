namespace Selene.Serving.Hardware;

/// <summary>
/// The time of one all-reduce of tensor-parallel activations, as NCCL's own tuning model puts it for its ring
/// algorithm with the Simple protocol (NVIDIA/nccl <c>src/graph/tuning.cc</c>, ncclTunerConstantsDefaults: base
/// latency 8.4 µs, 3.4 µs a step over NVLink and 5.7 µs over PCIe, 2 (n − 1) steps for an all-reduce), plus the
/// 0.02 ms launch Vidur adds to every collective (shared reference, serving anchors §1), plus the bytes each GPU
/// sends, 2 (n − 1) / n of the message, at the link's data-sheet bandwidth.
/// </summary>
public static class RingAllReduce
{
    /// <summary>Launch cost of a collective (Vidur).</summary>
    public const double LaunchSeconds = 20e-6;

    /// <summary>NCCL ring base latency, Simple protocol.</summary>
    public const double BaseLatencySeconds = 8.4e-6;

    /// <summary>NCCL ring latency per step over NVLink, Simple protocol.</summary>
    public const double NvLinkStepSeconds = 3.4e-6;

    /// <summary>NCCL ring latency per step over PCIe, Simple protocol.</summary>
    public const double PcieStepSeconds = 5.7e-6;

    /// <summary>Seconds of one all-reduce of <paramref name="bytes"/> over <paramref name="gpus"/> GPUs of <paramref name="gpu"/>'s type.</summary>
    public static double Seconds(GpuSpec gpu, int gpus, double bytes)
    {
        ArgumentNullException.ThrowIfNull(gpu);
        if (gpus <= 1)
        {
            return 0;
        }

        return LatencySeconds(gpu, gpus) + (SecondsPerByte(gpu, gpus) * bytes);
    }

    /// <summary>The part of <see cref="Seconds"/> that does not depend on the message.</summary>
    public static double LatencySeconds(GpuSpec gpu, int gpus)
    {
        ArgumentNullException.ThrowIfNull(gpu);
        var step = gpu.HasNvLink ? NvLinkStepSeconds : PcieStepSeconds;
        return gpus <= 1 ? 0 : LaunchSeconds + BaseLatencySeconds + (2 * (gpus - 1) * step);
    }

    /// <summary>The part of <see cref="Seconds"/> per byte of message.</summary>
    public static double SecondsPerByte(GpuSpec gpu, int gpus)
    {
        ArgumentNullException.ThrowIfNull(gpu);
        return gpus <= 1 ? 0 : 2.0 * (gpus - 1) / gpus / gpu.InterconnectBytesPerSecond;
    }
}
