namespace Selene.Inference.Runtime;

/// <summary>The codecs' names on the command line and in reports.</summary>
public static class TensorCodecs
{
    private static readonly (TensorCodec Codec, string Name)[] Names =
        [(TensorCodec.None, "none"), (TensorCodec.Lz4, "lz4"), (TensorCodec.Zstd, "zstd"), (TensorCodec.Fp16, "fp16"), (TensorCodec.Int8Scaled, "int8")];

    /// <summary>
    /// Encode-and-decode throughput of each codec, bytes of raw tensor a second, for plans that must not depend on
    /// timing (a simulation): measured on a 2-core x86-64 machine over ResNet18's tensors above 100 KB, one core.
    /// </summary>
    public static IReadOnlyDictionary<TensorCodec, double> ModelledBytesPerSecond { get; } = new Dictionary<TensorCodec, double>
    {
        [TensorCodec.None] = 1.9e9,
        [TensorCodec.Lz4] = 0.86e9,
        [TensorCodec.Zstd] = 0.11e9,
        [TensorCodec.Fp16] = 0.65e9,
        [TensorCodec.Int8Scaled] = 0.54e9,
    };

    /// <summary>The codec's name.</summary>
    public static string Name(TensorCodec codec) => Names.First(n => n.Codec == codec).Name;

    /// <summary>The codec named <paramref name="name"/> (any case).</summary>
    public static bool TryParse(string name, out TensorCodec codec)
    {
        foreach (var (known, text) in Names)
        {
            if (string.Equals(text, name, StringComparison.OrdinalIgnoreCase))
            {
                codec = known;
                return true;
            }
        }

        codec = TensorCodec.None;
        return false;
    }
}
