namespace Selene.Serving.Models;

/// <summary>How a model produces its output.</summary>
public enum ModelKind
{
    /// <summary>A decoder-only language model: a prefill over the prompt, then one token per step.</summary>
    Llm,

    /// <summary>A diffusion model: whole requests batched through a fixed number of denoising steps.</summary>
    Diffusion,
}
