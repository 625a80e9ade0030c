using Selene.Serving.Performance;

namespace Selene.Serving.Engine;

/// <summary>
/// How much KV cache a replica has, as Vidur's memory planner works it out: each GPU's memory × the utilisation
/// share, less its slice of the weights, in blocks of <c>BlockSize</c> tokens of KV cache.
/// </summary>
/// <param name="Blocks">KV-cache blocks on the replica.</param>
/// <param name="BlockSize">Tokens per block.</param>
/// <param name="BytesPerBlockPerGpu">Bytes of one block on each GPU.</param>
/// <param name="FreeBytesPerGpu">Memory left on each GPU for the cache.</param>
public sealed record KvCachePlan(int Blocks, int BlockSize, double BytesPerBlockPerGpu, double FreeBytesPerGpu)
{
    /// <summary>The plan for <paramref name="model"/> under <paramref name="config"/>; no blocks when the weights do not fit.</summary>
    public static KvCachePlan For(StepTimeModel model, EngineConfig config)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(config);
        var free = (model.Gpu.MemoryBytes * config.GpuMemoryUtilization) - (model.Model.WeightBytes(model.Weights) / model.TensorParallel);
        var perBlock = config.BlockSize * model.KvBytesPerTokenPerGpu;
        var blocks = free <= 0 || perBlock <= 0 ? 0 : (int)Math.Min(int.MaxValue, Math.Floor(free / perBlock));
        return new KvCachePlan(blocks, config.BlockSize, perBlock, free);
    }

    /// <summary>Tokens of KV cache.</summary>
    public long Tokens => (long)Blocks * BlockSize;

    /// <summary>Blocks a sequence of <paramref name="tokens"/> tokens holds.</summary>
    public int BlocksFor(int tokens) => (tokens + BlockSize - 1) / BlockSize;

    /// <summary>Sequences of <paramref name="tokens"/> tokens each that fit at once.</summary>
    public int SequencesOf(int tokens) => tokens <= 0 ? 0 : Blocks / BlocksFor(tokens);
}
