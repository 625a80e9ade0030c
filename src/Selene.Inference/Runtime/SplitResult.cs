namespace Selene.Inference.Runtime;

/// <summary>A request's outputs and where they came from.</summary>
/// <param name="Outputs">The graph's outputs.</param>
/// <param name="Answer">Computed across the link, or from a cache.</param>
public sealed record SplitResult(IReadOnlyList<TensorData> Outputs, SplitAnswer Answer);

/// <summary>Where a request's outputs came from.</summary>
public enum SplitAnswer
{
    /// <summary>Run: the prefix here, the suffix across the link.</summary>
    Computed,

    /// <summary>The same inputs were answered before.</summary>
    ExactCache,

    /// <summary>A prefix output like this one was answered before.</summary>
    SimilarityCache,
}
