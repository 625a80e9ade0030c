using Selene.Cluster.Scheduling.Framework;
using Selene.Cluster.Scheduling.Plugins;

namespace Selene.Cluster.Scheduling.Space;

/// <summary>
/// What a kilowatt-hour costs on the node now — its declared price, or by source: sunlight is free, a grid
/// costs its price, stored energy costs most (it is missing at night) — so Score prefers free sunlight over the
/// grid and the grid over storage.
/// </summary>
public sealed class EnergyCost(INodeEnvironment environment, EnergyPrices? prices = null) : IPreScorePlugin, IScorePlugin
{
    private readonly EnergyPrices _prices = prices ?? EnergyPrices.Default;

    /// <inheritdoc />
    public string Name => nameof(EnergyCost);

    /// <inheritdoc />
    public Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> feasible, ClusterSnapshot snapshot) =>
        SpaceSummary.Of(state, environment, feasible).Energy ? Status.Success : Status.Skip;

    /// <inheritdoc />
    public long Score(CycleState state, PodInfo pod, NodeInfo node) =>
        (long)Math.Round(1_000_000 * (Price(environment.ConditionsOf(node)) ?? _prices.Grid));

    /// <inheritdoc />
    public void NormalizeScore(CycleState state, PodInfo pod, Span<long> scores) =>
        ScoreNormalizer.Default(scores, ScoreNormalizer.MaxNodeScore, reverse: true);

    private double? Price(NodeConditions conditions) => conditions.EnergyCostPerKilowattHour ?? conditions.Energy switch
    {
        EnergySource.Sunlight => _prices.Sunlight,
        EnergySource.Grid => _prices.Grid,
        EnergySource.Storage => _prices.Storage,
        _ => null,
    };
}

/// <summary>Price of a kilowatt-hour by source, in the operator's currency; EnergyCost's plugin arguments.</summary>
/// <param name="Sunlight">Sunlight on the node's own array (default 0).</param>
/// <param name="Grid">A terrestrial grid (default 0.12).</param>
/// <param name="Storage">Energy taken from storage, counting wear and the night it must last (default 0.50).</param>
public sealed record EnergyPrices(double Sunlight, double Grid, double Storage)
{
    /// <summary>The defaults.</summary>
    public static EnergyPrices Default { get; } = new(0, 0.12, 0.50);
}
