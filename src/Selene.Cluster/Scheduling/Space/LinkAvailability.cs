using System.Globalization;
using Selene.Cluster.Scheduling.Framework;
using Selene.Cluster.Scheduling.Plugins;

namespace Selene.Cluster.Scheduling.Space;

/// <summary>
/// Whether the node can be reached now, and for how long: Filter rejects a node whose link is down (saying when
/// it is next up), Score prefers the node whose link stays up longest, counting up to an hour.
/// </summary>
public sealed class LinkAvailability(INodeEnvironment environment) : IFilterPlugin, IPreScorePlugin, IScorePlugin
{
    private const double Horizon = 3600;

    /// <summary>How every rejection of this plugin begins.</summary>
    public const string Unreachable = "node(s) unreachable: link down";

    /// <inheritdoc />
    public string Name => nameof(LinkAvailability);

    /// <inheritdoc />
    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        var conditions = environment.ConditionsOf(node);
        if (conditions.LinkUp != false)
        {
            return Status.Success;
        }

        return Status.Unresolvable(conditions.LinkChangeSeconds is { } next
            ? string.Create(CultureInfo.InvariantCulture, $"{Unreachable}, next contact in {Selene.Core.Time.DurationText.Humanize(next)}")
            : Unreachable);
    }

    /// <inheritdoc />
    public Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> feasible, ClusterSnapshot snapshot) =>
        SpaceSummary.Of(state, environment, feasible).LinkChange ? Status.Success : Status.Skip;

    /// <inheritdoc />
    public long Score(CycleState state, PodInfo pod, NodeInfo node) =>
        (long)Math.Round(Math.Min(environment.ConditionsOf(node).LinkChangeSeconds ?? Horizon, Horizon));

    /// <inheritdoc />
    public void NormalizeScore(CycleState state, PodInfo pod, Span<long> scores) =>
        ScoreNormalizer.Default(scores, ScoreNormalizer.MaxNodeScore, reverse: false);
}
