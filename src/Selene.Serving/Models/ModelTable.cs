using Selene.Serving.Hardware;

namespace Selene.Serving.Models;

/// <summary>
/// Built-in models, from their published configurations (<c>config.json</c> on Hugging Face, and each model's
/// paper for the parameter counts). Scenarios may define more.
/// </summary>
public static class ModelTable
{
    private static readonly ModelProfile[] s_models =
    [
        Dense("llama-3.1-8b", 8.03e9, 32, 4096, 32, 8, 128, "meta-llama/Llama-3.1-8B config.json; 8.03 B parameters (model card)"),
        Dense("llama-3.1-70b", 70.6e9, 80, 8192, 64, 8, 128, "meta-llama/Llama-3.1-70B config.json; 70.6 B parameters (model card)"),
        Dense("llama-2-70b", 69.0e9, 80, 8192, 64, 8, 128, "meta-llama/Llama-2-70b-hf config.json; 69 B parameters (Touvron et al. 2023)"),
        Dense("llama-2-7b", 6.74e9, 32, 4096, 32, 32, 128, "meta-llama/Llama-2-7b-hf config.json; 6.74 B parameters (Touvron et al. 2023)"),
        // Eight experts of 3 × 4096 × 14336 weights in each of 32 layers (45.1 B); 2 routed per token: 12.9 B active of 46.7 B.
        new("mixtral-8x7b", ModelKind.Llm, 46.7e9, 12.9e9, 32, 4096, 32, 8, 128, 8, 2, 45.1e9, WeightType.Bf16, 0, 0,
            "mistralai/Mixtral-8x7B-v0.1 config.json; 46.7 B total, 12.9 B active (Jiang et al. 2024)"),
        // SDXL's UNet (2.6 B parameters) run 20 steps as MLPerf runs it. Per step and image: MLPerf v4.1 Offline on
        // 8×H100 did 16.35 images/s, 0.49 GPU-s an image, 24.5 ms a step; at the H100's fitted compute efficiency that
        // is 24.5 ms × 989 TFLOP/s × 0.462 ≈ 11.2 TFLOP (derived; two UNet passes with classifier-free guidance).
        new("sdxl", ModelKind.Diffusion, 2.6e9, 2.6e9, 0, 0, 0, 0, 0, 0, 0, 0, WeightType.Bf16, 20, 11.2e12,
            "stabilityai/stable-diffusion-xl-base-1.0; per-step cost from MLPerf v4.1 SDXL Offline, 8×H100 (derived)"),
    ];

    /// <summary>Every built-in model.</summary>
    public static IReadOnlyList<ModelProfile> All => s_models;

    /// <summary>The built-in model <paramref name="name"/> (case-insensitive), or null.</summary>
    public static ModelProfile? Find(string? name) =>
        s_models.FirstOrDefault(m => string.Equals(m.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The built-in names, for messages.</summary>
    public static string Names => string.Join(", ", s_models.Select(m => m.Name));

    private static ModelProfile Dense(string name, double parameters, int layers, int hidden, int heads, int kvHeads, int headDim, string source) =>
        new(name, ModelKind.Llm, parameters, parameters, layers, hidden, heads, kvHeads, headDim, 0, 0, 0, WeightType.Bf16, 0, 0, source);
}
