using System.Numerics.Tensors;

namespace Selene.Moderation.Classifiers;

/// <summary>
/// A concept classifier in the manner of the Stable Diffusion safety checker: an image's embedding against a file of
/// concept embeddings, each with its own threshold. Signals: <c>concept.NAME</c>, the cosine similarity to each
/// concept, and <c>concepts</c>, the most any concept is over its threshold (negative when none is).
/// </summary>
public sealed class ConceptClassifier
{
    private readonly IReadOnlyList<(string Name, float[] Embedding, double Threshold)> _concepts;

    private ConceptClassifier(IReadOnlyList<(string, float[], double)> concepts) => _concepts = concepts;

    /// <summary>
    /// Reads a concepts file: <c>{"concepts": [{"name": N, "threshold": T, "embedding": [..]}, ...]}</c>; each
    /// embedding as long as the encoder's.
    /// </summary>
    /// <exception cref="InvalidDataException">The file's problem, naming the concept.</exception>
    public static ConceptClassifier Load(string path, int dimension)
    {
        var file = ClassifierFile.Read<ConceptFile>(path, "concepts file");
        if (file?.Concepts is not { Count: > 0 } concepts)
        {
            throw new InvalidDataException($"{path}: a concepts file has 'concepts', a list of name, threshold and embedding");
        }

        var loaded = new List<(string, float[], double)>();
        for (var i = 0; i < concepts.Count; i++)
        {
            var concept = concepts[i];
            var name = concept.Name ?? $"concepts[{i}]";
            if (concept.Embedding is not { } embedding || embedding.Length != dimension)
            {
                throw new InvalidDataException($"{path}: concept {name}: embedding has {concept.Embedding?.Length ?? 0} values; the encoder gives {dimension}");
            }

            if (!(concept.Threshold is > -1 and <= 1))
            {
                throw new InvalidDataException($"{path}: concept {name}: threshold must be a cosine in (−1, 1]");
            }

            loaded.Add((name, Normalised(embedding), concept.Threshold));
        }

        return new ConceptClassifier(loaded);
    }

    /// <summary>The signals of an embedding.</summary>
    public IReadOnlyDictionary<string, double> Signals(float[] embedding)
    {
        ArgumentNullException.ThrowIfNull(embedding);
        var unit = Normalised(embedding);
        var signals = new Dictionary<string, double>(StringComparer.Ordinal);
        var over = double.NegativeInfinity;
        foreach (var (name, concept, threshold) in _concepts)
        {
            var cosine = TensorPrimitives.Dot(unit, concept);
            signals[$"concept.{name}"] = cosine;
            over = Math.Max(over, cosine - threshold);
        }

        signals["concepts"] = over;
        return signals;
    }

    private static float[] Normalised(float[] vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        var unit = (float[])vector.Clone();
        if (norm > 0)
        {
            TensorPrimitives.Divide(unit, norm, unit);
        }

        return unit;
    }

    private sealed record ConceptFile(List<ConceptEntry>? Concepts);

    private sealed record ConceptEntry(string? Name, double Threshold, float[]? Embedding);
}
