namespace Selene.Serving.Hardware;

/// <summary>Shares of a GPU's peaks an engine reaches: tensor-core FLOP/s in compute-bound work, memory bandwidth in memory-bound work.</summary>
/// <param name="Compute">Share of the dense peak, 0 &lt; η ≤ 1.</param>
/// <param name="Memory">Share of the memory bandwidth, 0 &lt; η ≤ 1.</param>
public readonly record struct Efficiency(double Compute, double Memory);
