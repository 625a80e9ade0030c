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
            desired = Math.Min(stabilised, Math.Max(current, UpLimit(now, current)));
        }
        else if (stabilised < current)
        {
            desired = Math.Max(stabilised, Math.Min(current, DownLimit(now, current)));
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

    private int UpLimit(double now, int current)
    {
        var rules = Behavior.ScaleUp;
        if (rules.Select == PolicySelect.Disabled)
        {
            return current;
        }

        var limit = rules.Select == PolicySelect.Max ? int.MinValue : int.MaxValue;
        foreach (var policy in rules.Policies)
        {
            var start = current - Changed(_scaleUps, now, policy.PeriodSeconds) + Changed(_scaleDowns, now, policy.PeriodSeconds);
            var proposed = policy.Type == ScalingPolicyType.Pods ? start + policy.Value : (int)Math.Ceiling(start * (1 + (policy.Value / 100.0)));
            limit = rules.Select == PolicySelect.Max ? Math.Max(limit, proposed) : Math.Min(limit, proposed);
        }

        return limit;
    }

    private int DownLimit(double now, int current)
    {
        var rules = Behavior.ScaleDown;
        if (rules.Select == PolicySelect.Disabled)
        {
            return current;
        }

        // The policy that allows the largest change is the one with the lowest count.
        var limit = rules.Select == PolicySelect.Max ? int.MaxValue : int.MinValue;
        foreach (var policy in rules.Policies)
        {
            var start = current - Changed(_scaleUps, now, policy.PeriodSeconds) + Changed(_scaleDowns, now, policy.PeriodSeconds);
            var proposed = policy.Type == ScalingPolicyType.Pods ? start - policy.Value : (int)(start * (1 - (policy.Value / 100.0)));
            limit = rules.Select == PolicySelect.Max ? Math.Min(limit, proposed) : Math.Max(limit, proposed);
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
