using Selene.Serving.Engine;
using Selene.Serving.Hardware;
using Selene.Serving.Models;

namespace Selene.Simulation.Scenarios;

/// <summary>
/// How a tenant's requests are served: by replicas of <paramref name="TensorParallel"/> GPUs each, running either a
/// model from the model table at a precision under an engine profile with vLLM's engine settings (defaults for each
/// GPU type where not given), or, with no model, whole requests one at a time for the tenant's service times.
/// </summary>
/// <param name="Model">The model served; null for whole requests.</param>
/// <param name="TensorParallel">GPUs one replica spans.</param>
/// <param name="Weights">Precision of weights and KV cache.</param>
/// <param name="Engine">The engine's efficiencies and overheads.</param>
/// <param name="MaxNumBatchedTokens">Tokens per step; null for vLLM's default on the GPU.</param>
/// <param name="MaxNumSeqs">Sequences running at once; null for vLLM's default on the GPU.</param>
/// <param name="GpuMemoryUtilization">Share of GPU memory for weights and KV cache.</param>
/// <param name="MaxBatchImages">Images per batch (diffusion models).</param>
/// <param name="Replicas">How many replicas, and how they follow the load.</param>
/// <param name="LoadSeconds">From a replica's pod starting to its model being on the GPUs and the replica Ready.</param>
public sealed record ServingSpec(
    ModelProfile? Model,
    int TensorParallel,
    WeightType Weights,
    EngineProfile Engine,
    int? MaxNumBatchedTokens,
    int? MaxNumSeqs,
    double GpuMemoryUtilization,
    int MaxBatchImages,
    ReplicaSpec Replicas,
    double LoadSeconds)
{
    /// <summary>
    /// Whole-request serving with one fixed replica on one GPU: what a tenant that gives service times and no
    /// <c>serving</c> gets.
    /// </summary>
    public static ServingSpec WholeRequests(ReplicaSpec replicas, int gpus = 1) =>
        new(null, gpus, WeightType.Bf16, EngineProfiles.Vllm, null, null, 0.9, 1, replicas, 0);

    /// <summary>True when replicas serve whole requests for the tenant's service times rather than a model's tokens.</summary>
    public bool ServesWholeRequests => Model is null;

    /// <summary>How the gateway treats the tenant's requests when every replica is saturated.</summary>
    public Criticality Criticality { get; init; }

    /// <summary>The Kubernetes workload that runs the replicas.</summary>
    public WorkloadKind Workload { get; init; }

    /// <summary>Node labels a replica's node must have.</summary>
    public IReadOnlyDictionary<string, string> NodeSelector { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The GPU types the tenant's replicas may run on: as read, those <c>serving.gpuTypes</c> names (null for any); once
    /// the tenant is read, those of the scenario among them whose nodes can hold the model.
    /// </summary>
    public IReadOnlyList<string>? GpuTypes { get; init; }

    /// <summary>The engine settings on <paramref name="gpu"/>: what the spec gives, vLLM's defaults for the rest.</summary>
    public EngineConfig ConfigFor(GpuSpec gpu)
    {
        var defaults = EngineConfig.DefaultFor(gpu);
        return new EngineConfig(MaxNumBatchedTokens ?? defaults.MaxNumBatchedTokens, MaxNumSeqs ?? defaults.MaxNumSeqs,
            EngineConfig.DefaultBlockSize, GpuMemoryUtilization, MaxBatchImages);
    }
}

/// <summary>A tenant's latency objectives; a request meets them all or counts against goodput. Unset ones are +∞.</summary>
/// <param name="TtftSeconds">Time to first token, arrival to first token received.</param>
/// <param name="TpotSeconds">Time per output token after the first.</param>
/// <param name="E2eSeconds">Arrival to last token (or whole reply) received.</param>
public sealed record SloSpec(double TtftSeconds, double TpotSeconds, double E2eSeconds)
{
    /// <summary>No objective but the end-to-end one.</summary>
    public static SloSpec EndToEnd(double seconds) => new(double.PositiveInfinity, double.PositiveInfinity, seconds);

    /// <summary>Whether a request with these times meets every objective.</summary>
    public bool Met(double ttft, double tpot, double e2e) => ttft <= TtftSeconds && tpot <= TpotSeconds && e2e <= E2eSeconds;
}
