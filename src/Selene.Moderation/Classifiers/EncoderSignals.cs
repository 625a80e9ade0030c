using Selene.Moderation.Images;

namespace Selene.Moderation.Classifiers;

/// <summary>The signals of one encoder run: its concept scores and its probes' scores, for the policy.</summary>
public sealed class EncoderSignals(ImageEncoder encoder, ConceptClassifier? concepts, IReadOnlyList<LinearProbe> probes)
{
    /// <summary>Encodes <paramref name="image"/> once and scores it with every concept and probe.</summary>
    public IReadOnlyDictionary<string, double> Signals(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var embedding = encoder.Encode(image);
        var signals = concepts is null ? new Dictionary<string, double>(StringComparer.Ordinal) : new Dictionary<string, double>(concepts.Signals(embedding), StringComparer.Ordinal);
        foreach (var probe in probes)
        {
            signals[probe.Name] = probe.Score(embedding);
        }

        return signals;
    }
}
