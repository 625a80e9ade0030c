using Selene.Cluster.Scheduling.Framework;

namespace Selene.Cluster.Scheduling.Space;

/// <summary>
/// Which conditions are known for any of a cycle's feasible nodes, worked out once per cycle and shared by the
/// space plugins' PreScore (each skips when it would have nothing to rank by).
/// </summary>
internal sealed class SpaceSummary
{
    private const string Key = "Space/summary";

    public bool LightTime { get; private set; }

    public bool LinkChange { get; private set; }

    public bool PowerBudget { get; private set; }

    public bool Upsets { get; private set; }

    public bool Energy { get; private set; }

    public static SpaceSummary Of(CycleState state, INodeEnvironment environment, IReadOnlyList<NodeInfo> feasible)
    {
        if (state.Read<SpaceSummary>(Key) is { } summary)
        {
            return summary;
        }

        summary = new SpaceSummary();
        for (var i = 0; i < feasible.Count; i++)
        {
            var c = environment.ConditionsOf(feasible[i]);
            summary.LightTime |= c.OneWayLightSeconds is not null;
            summary.LinkChange |= c.LinkChangeSeconds is not null;
            summary.PowerBudget |= c.PowerBudgetWatts is > 0;
            summary.Upsets |= c.UpsetsPerGpuDay is not null;
            summary.Energy |= c.EnergyCostPerKilowattHour is not null || c.Energy != EnergySource.Unknown;
        }

        state.Write(Key, summary);
        return summary;
    }
}
