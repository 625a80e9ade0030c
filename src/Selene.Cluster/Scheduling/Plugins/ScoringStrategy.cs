namespace Selene.Cluster.Scheduling.Plugins;

/// <summary>How NodeResourcesFit scores a node (<c>scoringStrategy.type</c> in its plugin arguments).</summary>
public enum ScoringStrategyType
{
    /// <summary>Prefer nodes with the most room left (the default): spreads pods.</summary>
    LeastAllocated,

    /// <summary>Prefer nodes with the least room left: packs pods, frees whole nodes.</summary>
    MostAllocated,

    /// <summary>Score by a broken-line function of each resource's utilisation.</summary>
    RequestedToCapacityRatio,
}

/// <summary>A resource and its weight in a score.</summary>
/// <param name="Name">Resource name (<c>cpu</c>, <c>memory</c>, <c>nvidia.com/gpu</c>).</param>
/// <param name="Weight">Weight, at least 1.</param>
public readonly record struct ResourceWeight(string Name, long Weight);

/// <summary>A point of the RequestedToCapacityRatio shape: utilisation 0–100 % gives score 0–10.</summary>
/// <param name="Utilization">Utilisation in percent.</param>
/// <param name="Score">Score from 0 to 10.</param>
public readonly record struct ShapePoint(long Utilization, long Score);

/// <summary>NodeResourcesFit's scoring arguments, with kube-scheduler's defaults.</summary>
public sealed record ScoringStrategy
{
    /// <summary>LeastAllocated over cpu and memory, weight 1 each: kube-scheduler's default.</summary>
    public static ScoringStrategy Default { get; } = new();

    /// <summary>The strategy.</summary>
    public ScoringStrategyType Type { get; init; } = ScoringStrategyType.LeastAllocated;

    /// <summary>The resources scored and their weights.</summary>
    public IReadOnlyList<ResourceWeight> Resources { get; init; } = [new("cpu", 1), new("memory", 1)];

    /// <summary>The RequestedToCapacityRatio shape, by increasing utilisation.</summary>
    public IReadOnlyList<ShapePoint> Shape { get; init; } = [new(0, 10), new(100, 0)];
}
