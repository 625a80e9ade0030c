namespace Selene.Cluster.Autoscaling;

/// <summary>
/// One HPA's state between syncs, and its decision at each (kubernetes/kubernetes
/// pkg/controller/podautoscaler/horizontal.go, normalizeDesiredReplicasWithBehaviors): the recommendation is
/// stabilised (no lower than the lowest recommendation in the scale-up window, no higher than the highest in the
/// scale-down window), then held to the policies' rate limits, computed from the replicas at the start of each
/// policy's period (the current count less the additions, plus the removals, made in it), then to [min, max].
/// </summary>
public sealed class HorizontalAutoscaler
{
    private readonly List<(double Time, int Replicas)> _recommendations = [];
    private readonly List<(double Time, int Change)> _scaleUps = [];
    private readonly List<(double Time, int Change)> _scaleDowns = [];

    /// <summary>Creates an autoscaler for a target kept within [<paramref name="minReplicas"/>, <paramref name="maxReplicas"/>].</summary>
    public HorizontalAutoscaler(int minReplicas, int maxReplicas, ScalingBehavior? behavior = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minReplicas);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxReplicas, Math.Max(1, minReplicas));
        MinReplicas = minReplicas;
        MaxReplicas = maxReplicas;
        Behavior = behavior ?? ScalingBehavior.Default;
    }

    /// <summary>Fewest replicas.</summary>
    public int MinReplicas { get; }

    /// <summary>Most replicas.</summary>
    public int MaxReplicas { get; }

    /// <summary>The scaling rules.</summary>
    public ScalingBehavior Behavior { get; }

    /// <summary>
    /// The replicas to run after a sync at <paramref name="now"/> (seconds), given the <paramref name="current"/> count
    /// and the metric's <paramref name="recommendation"/>; the change is remembered for later rate limits.
    /// </summary>
    public int Sync(double now, int current, int recommendation)
    {
        var stabilised = Stabilise(now, current, recommendation);
        int desired;
        if (stabilised > current)
        {
            desired = Math.Min(stabilised, Math.Max(current, Limit(now, current, Behavior.ScaleUp, up: true)));
        }
        else if (stabilised < current)
        {
            desired = Math.Max(stabilised, Math.Min(current, Limit(now, current, Behavior.ScaleDown, up: false)));
        }
        else
        {
            desired = current;
        }

        desired = Math.Clamp(desired, MinReplicas, MaxReplicas);
        if (desired > current)
        {
            _scaleUps.Add((now, desired - current));
        }
        else if (desired < current)
        {
            _scaleDowns.Add((now, current - desired));
        }

        return desired;
    }

    private int Stabilise(double now, int current, int recommendation)
    {
        var longest = Math.Max(Behavior.ScaleUp.StabilizationWindowSeconds, Behavior.ScaleDown.StabilizationWindowSeconds);
        _recommendations.RemoveAll(r => r.Time <= now - longest);
        _recommendations.Add((now, recommendation));
        var up = recommendation;
        var down = recommendation;
        foreach (var (time, replicas) in _recommendations)
        {
            if (time > now - Behavior.ScaleUp.StabilizationWindowSeconds)
            {
                up = Math.Min(up, replicas);
            }

            if (time > now - Behavior.ScaleDown.StabilizationWindowSeconds)
            {
                down = Math.Max(down, replicas);
            }
        }

        return Math.Min(Math.Max(current, up), down);
    }

    // The count the policies allow this sync in one direction, from the replicas at each policy's period start (the
    // current count less the additions, plus the removals, made in it). Max selects the policy that allows the largest
    // change: the highest count going up, the lowest going down.
    private int Limit(double now, int current, ScalingRules rules, bool up)
    {
        if (rules.Select == PolicySelect.Disabled)
        {
            return current;
        }

        var higher = (rules.Select == PolicySelect.Max) == up;
        var limit = higher ? int.MinValue : int.MaxValue;
        foreach (var policy in rules.Policies)
        {
            var start = current - Changed(_scaleUps, now, policy.PeriodSeconds) + Changed(_scaleDowns, now, policy.PeriodSeconds);
            var proposed = (policy.Type, up) switch
            {
                (ScalingPolicyType.Pods, true) => start + policy.Value,
                (ScalingPolicyType.Pods, false) => start - policy.Value,
                (_, true) => (int)Math.Ceiling(start * (1 + (policy.Value / 100.0))),
                (_, false) => (int)(start * (1 - (policy.Value / 100.0))),
            };
            limit = higher ? Math.Max(limit, proposed) : Math.Min(limit, proposed);
        }

        return limit;
    }

    private static int Changed(List<(double Time, int Change)> events, double now, int periodSeconds)
    {
        var sum = 0;
        foreach (var (time, change) in events)
        {
            if (time > now - periodSeconds)
            {
                sum += change;
            }
        }

        return sum;
    }
}
