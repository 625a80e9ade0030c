using System.Globalization;
using Selene.Cluster.Scheduling.Framework;
using Selene.Cluster.Scheduling.Plugins;

namespace Selene.Cluster.Scheduling.Space;

/// <summary>
/// The node's current single-event upset rate: Filter rejects a node above the pod's
/// <c>selene.io/max-upsets-per-gpu-day</c> (the fallback for clusters without Lt/Gt tolerations on the integer
/// <c>selene.io/radiation</c> taint), Score prefers the quietest node.
/// </summary>
public sealed class RadiationRisk(INodeEnvironment environment) : IPreFilterPlugin, IFilterPlugin, IPreScorePlugin, IScorePlugin
{
    /// <inheritdoc />
    public string Name => nameof(RadiationRisk);

    /// <inheritdoc />
    public Status PreFilter(CycleState state, PodInfo pod, ClusterSnapshot snapshot) =>
        SpaceAnnotations.Number(pod, SpaceAnnotations.MaxUpsetsPerGpuDay) is null ? Status.Skip : Status.Success;

    /// <inheritdoc />
    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        if (SpaceAnnotations.Number(pod, SpaceAnnotations.MaxUpsetsPerGpuDay) is not { } limit
            || environment.ConditionsOf(node).UpsetsPerGpuDay is not { } rate
            || rate <= limit)
        {
            return Status.Success;
        }

        return Status.Unresolvable(string.Create(CultureInfo.InvariantCulture,
            $"node(s) see {rate:0.###} upsets per GPU-day, above the pod's limit of {limit:0.###}"));
    }

    /// <inheritdoc />
    public Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> feasible, ClusterSnapshot snapshot) =>
        SpaceSummary.Of(state, environment, feasible).Upsets ? Status.Success : Status.Skip;

    /// <inheritdoc />
    public long Score(CycleState state, PodInfo pod, NodeInfo node) =>
        (long)Math.Round(1_000_000 * (environment.ConditionsOf(node).UpsetsPerGpuDay ?? 0));

    /// <inheritdoc />
    public void NormalizeScore(CycleState state, PodInfo pod, Span<long> scores) =>
        ScoreNormalizer.Default(scores, ScoreNormalizer.MaxNodeScore, reverse: true);
}
