using Selene.Serving.Hardware;

namespace Selene.Serving.Models;

/// <summary>
/// A model's architecture, as much of it as sets its cost on a GPU: parameters (total and, for a mixture of
/// experts, active per token), layers, hidden size, attention heads, KV heads and head dimension.
/// </summary>
/// <param name="Name">Name scenarios and the command line use (lower case, e.g. <c>llama-3.1-70b</c>).</param>
/// <param name="Kind">Language model or diffusion model.</param>
/// <param name="TotalParameters">Every weight: what the GPUs hold.</param>
/// <param name="ActiveParameters">Weights each token multiplies (the total for a dense model).</param>
/// <param name="Layers">Transformer layers.</param>
/// <param name="HiddenSize">Model width.</param>
/// <param name="AttentionHeads">Query heads.</param>
/// <param name="KvHeads">Key/value heads (fewer than the query heads with grouped-query attention).</param>
/// <param name="HeadDimension">Width of one head.</param>
/// <param name="Experts">Experts per MoE layer; 0 for a dense model.</param>
/// <param name="ExpertsPerToken">Experts each token is routed to.</param>
/// <param name="ExpertParameters">Weights in all experts together (the rest is shared by every token).</param>
/// <param name="DefaultWeights">Precision the model is served at unless told otherwise.</param>
/// <param name="Steps">Denoising steps per request (diffusion only).</param>
/// <param name="StepFlopsPerImage">FLOPs of one denoising step for one image (diffusion only).</param>
/// <param name="Source">Where the figures come from.</param>
public sealed record ModelProfile(
    string Name,
    ModelKind Kind,
    double TotalParameters,
    double ActiveParameters,
    int Layers,
    int HiddenSize,
    int AttentionHeads,
    int KvHeads,
    int HeadDimension,
    int Experts,
    int ExpertsPerToken,
    double ExpertParameters,
    WeightType DefaultWeights,
    int Steps,
    double StepFlopsPerImage,
    string Source)
{
    /// <summary>Bytes of KV cache per token over all layers: 2 (K and V) × KV heads × head dimension × layers × element bytes.</summary>
    public double KvBytesPerToken(WeightType weights) => 2.0 * KvHeads * HeadDimension * Layers * weights.Bytes();

    /// <summary>Bytes of every weight.</summary>
    public double WeightBytes(WeightType weights) => TotalParameters * weights.Bytes();

    /// <summary>
    /// Bytes of weights one step reads for <paramref name="tokens"/> tokens: all of a dense model; for a mixture of
    /// experts the shared weights and the experts some token was routed to, 1 − (1 − k/E)^tokens of them when
    /// routing is independent across tokens.
    /// </summary>
    public double WeightBytesRead(double tokens, WeightType weights)
    {
        if (Experts == 0)
        {
            return WeightBytes(weights);
        }

        var touched = 1 - Math.Pow(1 - (ExpertsPerToken / (double)Experts), Math.Max(1, tokens));
        return (TotalParameters - ExpertParameters + (ExpertParameters * touched)) * weights.Bytes();
    }
}
