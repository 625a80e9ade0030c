namespace Selene.Serving.Performance;

/// <summary>Which roofline holds a step's time.</summary>
public enum PhaseBound
{
    /// <summary>Tensor-core FLOP/s: long prefills.</summary>
    Compute,

    /// <summary>Memory bandwidth (weights and KV cache): decodes.</summary>
    Memory,
}
