namespace Selene.Inference.Runtime;

/// <summary>The codecs' names on the command line and in reports.</summary>
public static class TensorCodecs
{
    private static readonly (TensorCodec Codec, string Name)[] Names =
        [(TensorCodec.None, "none"), (TensorCodec.Lz4, "lz4"), (TensorCodec.Zstd, "zstd"), (TensorCodec.Fp16, "fp16"), (TensorCodec.Int8Scaled, "int8")];

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
