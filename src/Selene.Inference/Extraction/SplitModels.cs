using Selene.Inference.Graph;

namespace Selene.Inference.Extraction;

/// <summary>The serialised halves of a cut.</summary>
/// <param name="Cut">The cut.</param>
/// <param name="Prefix">The prefix model, or null when the prefix has no nodes.</param>
/// <param name="Suffix">The suffix model, or null when the suffix has no nodes.</param>
public sealed record SplitModels(Cut Cut, byte[]? Prefix, byte[]? Suffix);
