using Selene.Serving.Hardware;

namespace Selene.Serving.Engine;

/// <summary>
/// A replica's engine settings, with vLLM's names: tokens per step, sequences running at once, the KV-cache block
/// size and the share of GPU memory the engine may use.
/// </summary>
/// <param name="MaxNumBatchedTokens">Tokens one step may compute, every request together.</param>
/// <param name="MaxNumSeqs">Requests running at once.</param>
/// <param name="BlockSize">Tokens per KV-cache block.</param>
/// <param name="GpuMemoryUtilization">Share of each GPU's memory for weights and KV cache.</param>
/// <param name="MaxBatchImages">Images per batch of a diffusion model.</param>
public sealed record EngineConfig(int MaxNumBatchedTokens, int MaxNumSeqs, int BlockSize = 16, double GpuMemoryUtilization = 0.9, int MaxBatchImages = 8)
{
    /// <summary>vLLM's block size (CacheConfig.DEFAULT_BLOCK_SIZE).</summary>
    public const int DefaultBlockSize = 16;

    /// <summary>
    /// vLLM's defaults for an API server on <paramref name="gpu"/> (EngineArgs.get_batch_defaults): 8192 batched
    /// tokens and 1024 sequences with 70 GiB or more that is not an A100, else 2048 and 256; memory utilisation 0.9.
    /// </summary>
    public static EngineConfig DefaultFor(GpuSpec gpu)
    {
        ArgumentNullException.ThrowIfNull(gpu);
        var large = gpu.MemoryBytes >= 70.0 * 1024 * 1024 * 1024 && gpu.Name != "A100";
        return large ? new EngineConfig(8192, 1024) : new EngineConfig(2048, 256);
    }
}
