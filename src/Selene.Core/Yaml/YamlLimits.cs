namespace Selene.Core.Yaml;

/// <summary>
/// Bounds on the YAML Selene reads, so that no file or request can make a reader run for minutes, exhaust
/// memory or overflow the stack. Every YAML the project reads (scenarios, Kubernetes manifests, scheduler
/// configuration, moderation policies, ODE models) is read through <see cref="YamlInput"/> under these limits.
/// </summary>
public sealed record YamlLimits
{
    /// <summary>The limits every reader uses unless told otherwise.</summary>
    public static YamlLimits Default { get; } = new();

    /// <summary>Largest file or request body read, in bytes. Default 64 MiB.</summary>
    public long MaxBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// Deepest nesting of mappings and sequences. Default 128: a scenario nests five deep, a Kubernetes
    /// manifest rarely more than twelve.
    /// </summary>
    public int MaxDepth { get; init; } = 128;

    /// <summary>
    /// Most nodes that aliases (<c>*name</c>) may stand for in one document, counting each alias as the whole
    /// node it repeats. Default 100,000: ordinary reuse of an anchor is a few hundred nodes, while nine levels of
    /// <c>&amp;x [*x, *x, …]</c> stand for billions (the "billion laughs").
    /// </summary>
    public long MaxAliasNodes { get; init; } = 100_000;
}
