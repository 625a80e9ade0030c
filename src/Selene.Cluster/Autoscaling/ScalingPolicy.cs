namespace Selene.Cluster.Autoscaling;

/// <summary>How a scaling policy counts its limit (autoscaling/v2 HPAScalingPolicyType).</summary>
public enum ScalingPolicyType
{
    /// <summary>A number of pods a period.</summary>
    Pods,

    /// <summary>A percentage of the replicas at the period's start.</summary>
    Percent,
}

/// <summary>Which policy applies when several allow different changes (autoscaling/v2 ScalingPolicySelect).</summary>
public enum PolicySelect
{
    /// <summary>The policy that allows the largest change (the default).</summary>
    Max,

    /// <summary>The policy that allows the smallest change.</summary>
    Min,

    /// <summary>No change in this direction.</summary>
    Disabled,
}

/// <summary>One limit on how fast replicas change: <paramref name="Value"/> pods or percent per <paramref name="PeriodSeconds"/>.</summary>
/// <param name="Type">Pods or percent.</param>
/// <param name="Value">How many pods, or what percentage.</param>
/// <param name="PeriodSeconds">The window the limit applies over.</param>
public sealed record ScalingPolicy(ScalingPolicyType Type, int Value, int PeriodSeconds);

/// <summary>The rules for one direction of scaling (autoscaling/v2 HPAScalingRules).</summary>
/// <param name="StabilizationWindowSeconds">Recommendations over this past window are considered (see <see cref="HorizontalAutoscaler"/>).</param>
/// <param name="Select">Which policy applies.</param>
/// <param name="Policies">The limits.</param>
public sealed record ScalingRules(int StabilizationWindowSeconds, PolicySelect Select, IReadOnlyList<ScalingPolicy> Policies);

/// <summary>
/// An HPA's behaviour: its rules for scaling up and down. <see cref="Default"/> is Kubernetes' default
/// (pkg/apis/autoscaling/v2/defaults.go; shared reference, serving anchors §5): up with no stabilisation, 4 pods or
/// 100% per 15 s, whichever is more; down after a 300 s stabilisation window, 100% per 15 s.
/// </summary>
/// <param name="ScaleUp">Rules for scaling up.</param>
/// <param name="ScaleDown">Rules for scaling down.</param>
public sealed record ScalingBehavior(ScalingRules ScaleUp, ScalingRules ScaleDown)
{
    /// <summary>Kubernetes' default behaviour.</summary>
    public static ScalingBehavior Default { get; } = new(
        new ScalingRules(0, PolicySelect.Max, [new ScalingPolicy(ScalingPolicyType.Percent, 100, 15), new ScalingPolicy(ScalingPolicyType.Pods, 4, 15)]),
        new ScalingRules(300, PolicySelect.Max, [new ScalingPolicy(ScalingPolicyType.Percent, 100, 15)]));
}
