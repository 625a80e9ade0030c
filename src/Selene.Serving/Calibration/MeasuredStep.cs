using Selene.Serving.Performance;

namespace Selene.Serving.Calibration;

/// <summary>One published step-time measurement: a model on <c>tp</c> GPUs of a type, one batch shape, its median time.</summary>
/// <param name="Label">What was measured, for reports (e.g. <c>prefill 2048</c>).</param>
/// <param name="Model">Model name in the model table.</param>
/// <param name="Gpu">GPU type.</param>
/// <param name="TensorParallel">GPUs the model was split over.</param>
/// <param name="Shape">What the step computed.</param>
/// <param name="Seconds">Measured median.</param>
public sealed record MeasuredStep(string Label, string Model, string Gpu, int TensorParallel, BatchShape Shape, double Seconds);
