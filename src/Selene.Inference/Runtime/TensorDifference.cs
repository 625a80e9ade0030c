namespace Selene.Inference.Runtime;

/// <summary>How far one set of outputs is from another, tensor by tensor by name.</summary>
public static class TensorDifference
{
    /// <summary>
    /// The largest absolute difference and ‖actual − expected‖ / ‖expected‖ over the float tensors of
    /// <paramref name="expected"/>; a tensor of another type that differs at all makes the largest difference infinite.
    /// </summary>
    public static (double MaxAbs, double Relative) Of(IReadOnlyList<TensorData> expected, IReadOnlyList<TensorData> actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        double maxAbs = 0, error = 0, norm = 0;
        foreach (var truth in expected)
        {
            var other = actual.First(t => t.Name == truth.Name);
            if (truth.Type != Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float)
            {
                maxAbs = other.Bytes.AsSpan().SequenceEqual(truth.Bytes) ? maxAbs : double.PositiveInfinity;
                continue;
            }

            var reference = truth.Floats;
            var values = other.Floats;
            for (var i = 0; i < reference.Length; i++)
            {
                var difference = (double)values[i] - reference[i];
                maxAbs = Math.Max(maxAbs, Math.Abs(difference));
                error += difference * difference;
                norm += (double)reference[i] * reference[i];
            }
        }

        return (maxAbs, norm > 0 ? Math.Sqrt(error / norm) : Math.Sqrt(error));
    }
}
