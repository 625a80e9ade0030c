namespace Selene.Inference.Runtime;

/// <summary>How a tensor crossing the link is encoded.</summary>
public enum TensorCodec
{
    /// <summary>The raw bytes.</summary>
    None,

    /// <summary>LZ4 over the raw bytes (lossless, fast).</summary>
    Lz4,

    /// <summary>Zstandard level 3 over the raw bytes (lossless, smaller, slower).</summary>
    Zstd,

    /// <summary>Float tensors as IEEE half precision (lossy); other types raw.</summary>
    Fp16,

    /// <summary>Float tensors as 8-bit integers with a per-tensor scale and offset (lossy); other types raw.</summary>
    Int8Scaled,
}
