using Selene.Cluster.Autoscaling;

namespace Selene.Cluster.Tests.Autoscaling;

/// <summary>
/// The HPA as Kubernetes computes it: the documentation's worked examples (kubernetes.io, "Horizontal Pod
/// Autoscaling", algorithm details and scaling policies) and the behaviour defaults (shared reference, serving
/// anchors §5) as tables.
/// </summary>
public sealed class HorizontalAutoscalerTests
{
    /// <summary>(why, current replicas, ready pods' values, unready, missing, target, expected).</summary>
    public static TheoryData<string, int, double[], int, int, double, int> Recommendations => new()
    {
        { "200m against 100m doubles the replicas", 2, [200, 200], 0, 0, 100, 4 },
        { "50m against 100m halves them", 4, [50, 50, 50, 50], 0, 0, 100, 2 },
        { "within the 0.1 tolerance nothing changes", 3, [105, 108, 102], 0, 0, 100, 3 },
        { "just beyond the tolerance it does", 3, [115, 115, 115], 0, 0, 100, 4 },
        { "missing pods count at the target when scaling down", 4, [40, 40], 0, 2, 100, 3 },
        { "missing pods count as 0 when scaling up", 4, [200, 200], 0, 2, 100, 4 },
        { "a missing pod that turns the direction keeps the count", 3, [150], 0, 2, 100, 3 },
        { "unready pods count as 0 when scaling up", 3, [300, 300], 1, 0, 100, 6 },
        { "unready pods do not hold back a scale down", 4, [20, 20], 2, 0, 100, 1 },
        { "no metric, no action", 5, [], 0, 5, 100, 5 },
    };

    [Theory]
    [MemberData(nameof(Recommendations))]
    public void Replicas_follow_the_metric_ratio_as_kubernetes_counts_them(string why, int current, double[] values, int unready, int missing, double target, int expected)
    {
        Assert.True(expected == ReplicaCalculator.Recommend(current, values, unready, missing, target), why);
    }

    [Fact]
    public void By_default_scale_up_adds_4_pods_or_100_percent_per_15_s_whichever_is_more()
    {
        var hpa = new HorizontalAutoscaler(1, 100);
        var replicas = 1;
        var steps = new List<int>();
        for (var sync = 0; sync < 5; sync++)
        {
            replicas = hpa.Sync(sync * 15, replicas, 100);
            steps.Add(replicas);
        }

        // 1 → 5 (4 pods beat 100%), 5 → 10 (100% beats 4), then doubling, capped at the maximum.
        Assert.Equal([5, 10, 20, 40, 80], steps);
        Assert.Equal(100, hpa.Sync(75, 80, 100));
    }

    [Fact]
    public void Two_syncs_inside_one_period_share_its_limit()
    {
        var hpa = new HorizontalAutoscaler(1, 100, ScalingBehavior.Default with
        {
            ScaleUp = new ScalingRules(0, PolicySelect.Max, [new ScalingPolicy(ScalingPolicyType.Pods, 4, 60)]),
        });
        Assert.Equal(5, hpa.Sync(0, 1, 50));
        Assert.Equal(5, hpa.Sync(15, 5, 50));   // the 4 pods of this minute are spent
        Assert.Equal(9, hpa.Sync(60, 5, 50));   // a new minute
    }

    [Fact]
    public void The_300_s_scale_down_window_holds_the_highest_recommendation()
    {
        var hpa = new HorizontalAutoscaler(1, 100);
        Assert.Equal(10, hpa.Sync(0, 10, 10));
        for (var t = 15; t < 300; t += 15)
        {
            Assert.Equal(10, hpa.Sync(t, 10, 2));
        }

        // 300 s on, the recommendation of 10 has left the window (a window holds what came after its start): down to 2
        // at once, which 100% per 15 s allows.
        Assert.Equal(2, hpa.Sync(300, 10, 2));
    }

    /// <summary>
    /// The documentation's scale-down policies: 4 pods or 10% a minute, the larger change. From 80 replicas towards 10:
    /// 8 come off (10%), then 10% of 72 is 7.2, rounded up to 8, so 64.
    /// </summary>
    [Fact]
    public void The_documented_scale_down_policies_take_the_larger_change_rounding_removals_up()
    {
        var behavior = new ScalingBehavior(
            ScalingBehavior.Default.ScaleUp,
            new ScalingRules(0, PolicySelect.Max, [new ScalingPolicy(ScalingPolicyType.Pods, 4, 60), new ScalingPolicy(ScalingPolicyType.Percent, 10, 60)]));
        var hpa = new HorizontalAutoscaler(1, 100, behavior);
        Assert.Equal(72, hpa.Sync(0, 80, 10));
        Assert.Equal(64, hpa.Sync(60, 72, 10));
        Assert.Equal(64, hpa.Sync(75, 64, 10));  // within the minute, its 8 are spent
    }

    [Fact]
    public void Min_and_max_bound_the_result_and_a_disabled_direction_does_not_move()
    {
        var hpa = new HorizontalAutoscaler(2, 6);
        Assert.Equal(6, hpa.Sync(0, 4, 50));
        var noDown = new HorizontalAutoscaler(1, 10, ScalingBehavior.Default with { ScaleDown = new ScalingRules(0, PolicySelect.Disabled, []) });
        Assert.Equal(8, noDown.Sync(0, 8, 1));
    }
}
