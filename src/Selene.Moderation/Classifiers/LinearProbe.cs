using System.Numerics.Tensors;

namespace Selene.Moderation.Classifiers;

/// <summary>
/// A generated-image detector in the manner of UniversalFakeDetect: a linear probe over an encoder's features,
/// σ(w·x + b), read from <c>{"name": "generated", "weights": [..], "bias": b}</c>; its signal is its name.
/// </summary>
public sealed class LinearProbe(string name, float[] weights, double bias)
{
    /// <summary>The signal's name.</summary>
    public string Name => name;

    /// <summary>Reads a probe file whose weights are as long as the encoder's embedding.</summary>
    /// <exception cref="InvalidDataException">The file's problem.</exception>
    public static LinearProbe Load(string path, int dimension)
    {
        var file = ClassifierFile.Read<ProbeFile>(path, "probe file");
        return file?.Weights is { } weights && weights.Length == dimension && double.IsFinite(file.Bias)
            ? new LinearProbe(file.Name ?? "generated", weights, file.Bias)
            : throw new InvalidDataException($"{path}: a probe has 'weights' ({dimension} values, the encoder's) and a finite 'bias'; it has {file?.Weights?.Length ?? 0} weights");
    }

    /// <summary>The probability the probe gives <paramref name="embedding"/>.</summary>
    public double Score(float[] embedding)
    {
        ArgumentNullException.ThrowIfNull(embedding);
        var logit = TensorPrimitives.Dot(weights, embedding) + bias;
        return 1 / (1 + Math.Exp(-logit));
    }

    private sealed record ProbeFile(string? Name, float[]? Weights, double Bias);
}
