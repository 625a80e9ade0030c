using Selene.Serving.Hardware;
using Selene.Serving.Models;

namespace Selene.Serving.Performance;

/// <summary>
/// The time of one engine step on one replica (a model on <c>tp</c> GPUs of one type, at one precision, run by one
/// engine), from a roofline (shared reference, serving anchors §2): compute FLOPs = 2 · active parameters · tokens +
/// 4 · layers · heads · head dimension · attention pairs, over the dense peak × the engine's compute efficiency;
/// memory bytes = the weights the step reads + the KV cache it touches, over the bandwidth × memory efficiency;
/// each split over the tensor-parallel GPUs; the step takes the larger, plus two ring all-reduces of the
/// activations per layer, plus the engine's fixed costs.
/// </summary>
public sealed class StepTimeModel
{
    private readonly double _computeRate;
    private readonly double _attentionRate;
    private readonly double _memoryRate;
    private readonly double _attentionFlopsPerPair;
    private readonly double _kvBytesPerTokenPerGpu;
    private readonly double _allReduceFixed;
    private readonly double _allReducePerToken;

    /// <summary>Builds the model; the engine must know <paramref name="gpu"/> (fitted or borrowed efficiencies).</summary>
    public StepTimeModel(ModelProfile model, GpuSpec gpu, int tensorParallel, WeightType weights, EngineProfile engine)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(gpu);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentOutOfRangeException.ThrowIfLessThan(tensorParallel, 1);
        Model = model;
        Gpu = gpu;
        TensorParallel = tensorParallel;
        Weights = weights;
        Engine = engine;
        Efficiency = engine.For(gpu.Name)
            ?? throw new ArgumentException($"engine profile '{engine.Name}' has no efficiencies for {gpu.Name}", nameof(engine));
        PeakFlops = gpu.PeakFlops(weights);
        _computeRate = PeakFlops * Efficiency.Compute;
        _attentionRate = PeakFlops * engine.AttentionEfficiency;
        _memoryRate = gpu.BandwidthBytesPerSecond * Efficiency.Memory;
        _attentionFlopsPerPair = 4.0 * model.Layers * model.AttentionHeads * model.HeadDimension / tensorParallel;
        var kvHeadsPerGpu = Math.Max(1, (int)Math.Ceiling(model.KvHeads / (double)tensorParallel));
        _kvBytesPerTokenPerGpu = 2.0 * kvHeadsPerGpu * model.HeadDimension * model.Layers * weights.Bytes();
        // Two all-reduces a layer (after attention and after the MLP) of the 16-bit activations.
        var allReduces = 2.0 * model.Layers;
        _allReduceFixed = allReduces * RingAllReduce.LatencySeconds(gpu, tensorParallel);
        _allReducePerToken = allReduces * RingAllReduce.SecondsPerByte(gpu, tensorParallel) * model.HiddenSize * 2.0;
    }

    /// <summary>The model served.</summary>
    public ModelProfile Model { get; }

    /// <summary>The GPU type of each of the replica's GPUs.</summary>
    public GpuSpec Gpu { get; }

    /// <summary>GPUs the model is split over.</summary>
    public int TensorParallel { get; }

    /// <summary>Precision of the weights and KV cache.</summary>
    public WeightType Weights { get; }

    /// <summary>The engine whose efficiencies and overheads apply.</summary>
    public EngineProfile Engine { get; }

    /// <summary>The engine's efficiencies on this GPU.</summary>
    public Efficiency Efficiency { get; }

    /// <summary>Dense peak FLOP/s of one GPU at <see cref="Weights"/>.</summary>
    public double PeakFlops { get; }

    /// <summary>KV-cache bytes per token on each GPU (KV heads split over the GPUs, replicated when fewer than them).</summary>
    public double KvBytesPerTokenPerGpu => _kvBytesPerTokenPerGpu;

    /// <summary>Seconds of a step's FLOPs on each GPU: the GEMMs at the compute efficiency, attention at its own.</summary>
    public double ComputeSeconds(in BatchShape shape) =>
        (2.0 * Model.ActiveParameters * shape.Tokens / TensorParallel / _computeRate) + (_attentionFlopsPerPair * shape.AttentionPairs / _attentionRate);

    /// <summary>Seconds of a step's memory traffic on each GPU.</summary>
    public double MemorySeconds(in BatchShape shape) => BytesPerGpu(shape) / _memoryRate;

    /// <summary>FLOPs of a step on each GPU.</summary>
    public double FlopsPerGpu(in BatchShape shape) =>
        (2.0 * Model.ActiveParameters * shape.Tokens / TensorParallel) + (_attentionFlopsPerPair * shape.AttentionPairs);

    /// <summary>Bytes a step moves from each GPU's memory.</summary>
    public double BytesPerGpu(in BatchShape shape) =>
        (Model.WeightBytesRead(shape.Tokens, Weights) / TensorParallel) + (_kvBytesPerTokenPerGpu * shape.KvTokens);

    /// <summary>Seconds of one step of <paramref name="shape"/>.</summary>
    public double Seconds(in BatchShape shape)
    {
        return Math.Max(ComputeSeconds(shape), MemorySeconds(shape)) + Communication(shape.Tokens) + Engine.StepOverheadSeconds + (Engine.PerSequenceSeconds * shape.Sequences);
    }

    /// <summary>The cost line of decode steps over <paramref name="sequences"/> sequences holding <paramref name="cachedTokens"/> tokens before the first.</summary>
    public DecodeLine Decodes(int sequences, double cachedTokens)
    {
        var first = BatchShape.Decodes(sequences, cachedTokens);
        return new DecodeLine(
            ComputeSeconds(first),
            _attentionFlopsPerPair * sequences / _attentionRate,
            MemorySeconds(first),
            _kvBytesPerTokenPerGpu * sequences / _memoryRate,
            Communication(sequences) + Engine.StepOverheadSeconds + (Engine.PerSequenceSeconds * sequences));
    }

    /// <summary>Which roofline holds <paramref name="shape"/>'s step.</summary>
    public PhaseBound Bound(in BatchShape shape) =>
        ComputeSeconds(shape) >= MemorySeconds(shape) ? PhaseBound.Compute : PhaseBound.Memory;

    /// <summary>The fastest the hardware could run the step: the roofline at 100% of both peaks, nothing else.</summary>
    public double RooflineBoundSeconds(in BatchShape shape) =>
        Math.Max(FlopsPerGpu(shape) / PeakFlops, BytesPerGpu(shape) / Gpu.BandwidthBytesPerSecond);

    /// <summary>Seconds of the tensor-parallel all-reduces of a step of <paramref name="tokens"/> tokens.</summary>
    public double Communication(double tokens) => TensorParallel == 1 ? 0 : _allReduceFixed + (_allReducePerToken * tokens);

    /// <summary>
    /// Seconds of one denoising step of a diffusion model for <paramref name="images"/> images: the compute of every
    /// image against one read of the weights, plus the step overhead.
    /// </summary>
    public double DiffusionStepSeconds(int images)
    {
        var compute = images * Model.StepFlopsPerImage / TensorParallel / _computeRate;
        var memory = Model.WeightBytes(Weights) / TensorParallel / _memoryRate;
        return Math.Max(compute, memory) + Communication(0) + Engine.StepOverheadSeconds;
    }
}
