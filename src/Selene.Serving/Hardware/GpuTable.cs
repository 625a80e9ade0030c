namespace Selene.Serving.Hardware;

/// <summary>
/// The GPU types Selene knows, from their data sheets (shared reference, serving anchors §2). Interconnect: NVLink
/// each way (NVLink 4: 900 GB/s both ways on H100 and H200; NVLink 5: 1.8 TB/s on B200; NVLink 3: 600 GB/s on A100);
/// the L40S has no NVLink and talks over PCIe Gen4 x16 (32 GB/s each way).
/// </summary>
public static class GpuTable
{
    private static readonly GpuSpec[] s_gpus =
    [
        new("H100", 989, 1979, 80, 3.35, 450, true, 700, "H100 SXM: glennklockwood.com/garden/processors/h100"),
        new("H200", 989, 1979, 141, 4.8, 450, true, 700, "H200 SXM: lzwjava.github.io/nvidia-h200-gpu-specs-en"),
        new("B200", 2250, 4500, 180, 8.0, 900, true, 1000, "B200 (HGX): glennklockwood.com/garden/processors/B200; docs.vultr.com"),
        new("A100", 312, null, 80, 2.039, 300, true, 400, "A100 80GB SXM: glennklockwood.com/garden/processors/A100"),
        new("L40S", 362, 733, 48, 0.864, 32, false, 350, "L40S: mullet.se/product.html?product_id=355414 (data sheet copy)"),
    ];

    /// <summary>Every built-in GPU type.</summary>
    public static IReadOnlyList<GpuSpec> All => s_gpus;

    /// <summary>The built-in GPU type <paramref name="name"/> (case-insensitive; <c>A100-80GB</c> is A100), or null.</summary>
    public static GpuSpec? Find(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var key = name.Trim();
        return s_gpus.FirstOrDefault(g => string.Equals(g.Name, key, StringComparison.OrdinalIgnoreCase))
            ?? s_gpus.FirstOrDefault(g => key.StartsWith(g.Name + "-", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The built-in names, for messages.</summary>
    public static string Names => string.Join(", ", s_gpus.Select(g => g.Name));
}
