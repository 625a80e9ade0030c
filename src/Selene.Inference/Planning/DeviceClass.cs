using Selene.Inference.Profiling;

namespace Selene.Inference.Planning;

/// <summary>
/// How fast a side runs a node: as measured on this machine scaled by a ratio, or, for hardware not at hand, a
/// roofline: the node takes the longer of its arithmetic at the device's peak and its memory traffic at the
/// device's bandwidth, plus a launch overhead per kernel.
/// </summary>
/// <param name="Name">Name, e.g. local or h100.</param>
/// <param name="SpeedRatio">Speed against this machine (2 = twice as fast); null for a roofline device.</param>
/// <param name="PeakFlops">Peak floating-point operations per second (FP32, not tensor cores).</param>
/// <param name="MemoryBytesPerSecond">Memory bandwidth.</param>
/// <param name="KernelOverheadSeconds">Fixed cost per kernel launched.</param>
public sealed record DeviceClass(string Name, double? SpeedRatio, double PeakFlops = 0, double MemoryBytesPerSecond = 0, double KernelOverheadSeconds = 0)
{
    /// <summary>This machine, as profiled.</summary>
    public static DeviceClass Local { get; } = new("local", 1);

    /// <summary>
    /// Built-in devices. FP32 (non-tensor-core) peaks and memory bandwidths from NVIDIA's data sheets: H100 SXM
    /// 67 TFLOPS, 3.35 TB/s; H200 67 TFLOPS, 4.8 TB/s; A100 SXM 19.5 TFLOPS, 2.0 TB/s; L40S 91.6 TFLOPS, 864 GB/s;
    /// Jetson AGX Orin 64 GB 5.3 TFLOPS, 204.8 GB/s. A kernel launch costs about 5 µs on a GPU.
    /// </summary>
    public static IReadOnlyList<DeviceClass> BuiltIn { get; } =
    [
        Local,
        new("h100", null, 67e12, 3.35e12, 5e-6),
        new("h200", null, 67e12, 4.8e12, 5e-6),
        new("a100", null, 19.5e12, 2.0e12, 5e-6),
        new("l40s", null, 91.6e12, 864e9, 5e-6),
        new("orin", null, 5.3e12, 204.8e9, 5e-6),
    ];

    /// <summary>A built-in device by name, or <c>ratio:X</c> for this machine X times faster.</summary>
    /// <exception cref="ArgumentException">An unknown name or a ratio that is not a positive number.</exception>
    public static DeviceClass Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith("ratio:", StringComparison.OrdinalIgnoreCase))
        {
            return double.TryParse(text.AsSpan(6), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var ratio) && ratio > 0 && double.IsFinite(ratio)
                ? new DeviceClass(text.ToLowerInvariant(), ratio)
                : throw new ArgumentException($"'{text}': a ratio must be a positive number, e.g. ratio:4");
        }

        return BuiltIn.FirstOrDefault(d => string.Equals(d.Name, text, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"unknown device '{text}'; known: {string.Join(", ", BuiltIn.Select(d => d.Name))}, or ratio:X");
    }

    /// <summary>Seconds node <paramref name="node"/> of <paramref name="profile"/> takes on this device.</summary>
    public double Seconds(ModelProfile profile, int node)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (SpeedRatio is { } ratio)
        {
            return profile.NodeSeconds[node] / ratio;
        }

        // A node fused into its producer here is fused there too: no launch of its own.
        var launch = profile.FusedIntoProducer[node] ? 0 : KernelOverheadSeconds;
        return Math.Max(profile.NodeFlops[node] / PeakFlops, profile.NodeBytes[node] / MemoryBytesPerSecond) + launch;
    }
}
