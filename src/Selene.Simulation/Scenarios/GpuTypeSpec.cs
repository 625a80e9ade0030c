namespace Selene.Simulation.Scenarios;

/// <summary>A GPU model the scenario knows service times for.</summary>
/// <param name="Name">Short name used in the scenario (for example <c>H100</c>).</param>
/// <param name="Product">Value of a node's <c>nvidia.com/gpu.product</c> label that means this type, if any.</param>
public sealed record GpuTypeSpec(string Name, string? Product);
