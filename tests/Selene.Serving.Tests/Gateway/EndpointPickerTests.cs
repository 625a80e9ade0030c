using Selene.Serving.Gateway;

namespace Selene.Serving.Tests.Gateway;

/// <summary>The endpoint picker against the Gateway API Inference Extension's formulas (shared reference, serving anchors §4).</summary>
public sealed class EndpointPickerTests
{
    private static readonly EndpointPicker s_picker = new();

    [Theory]
    [InlineData(0, 0, 10, 1.0)]
    [InlineData(5, 0, 10, 0.5)]
    [InlineData(10, 0, 10, 0.0)]
    [InlineData(3, 3, 3, 1.0)]
    public void Queue_scorer_is_max_minus_q_over_max_minus_min(int waiting, int least, int most, double expected) =>
        Assert.Equal(expected, EndpointPicker.QueueScore(waiting, least, most), 12);

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.25, 0.75)]
    [InlineData(1.0, 0.0)]
    public void Kv_cache_scorer_is_one_minus_use(double usage, double expected) =>
        Assert.Equal(expected, EndpointPicker.KvCacheScore(usage), 12);

    [Fact]
    public void The_weighted_sum_picks_the_emptier_endpoint()
    {
        EndpointState[] endpoints =
        [
            new("busy", Waiting: 4, Running: 30, KvCacheUsage: 0.7, MeasuredAt: 0),
            new("idle", Waiting: 0, Running: 2, KvCacheUsage: 0.1, MeasuredAt: 0),
        ];
        Assert.Equal(new PickOutcome(PickKind.Routed, 1, ""), s_picker.Pick(endpoints, 0.05, 2, false, new Random(1)));

        // A likely prefix hit (weight 3) outweighs a slightly longer queue and fuller cache.
        EndpointState[] withPrefix = [endpoints[0] with { Waiting = 1, KvCacheUsage = 0.3, PrefixMatch = 1 }, endpoints[1]];
        Assert.Equal(0, s_picker.Pick(withPrefix, 0.05, 2, false, new Random(1)).Endpoint);
    }

    [Fact]
    public void Ties_are_broken_at_random_by_the_seed()
    {
        EndpointState[] twins = [new("a", 1, 8, 0.2, 0), new("b", 1, 8, 0.2, 0), new("c", 1, 8, 0.2, 0)];
        var picks = Enumerable.Range(0, 300).Select(seed => s_picker.Pick(twins, 0, 2, false, new Random(seed)).Endpoint).ToList();
        Assert.Equal(picks, Enumerable.Range(0, 300).Select(seed => s_picker.Pick(twins, 0, 2, false, new Random(seed)).Endpoint));
        Assert.All(new[] { 0, 1, 2 }, i => Assert.InRange(picks.Count(p => p == i), 70, 130));
    }

    [Fact]
    public void A_saturated_pool_sheds_sheddable_requests_and_holds_the_others()
    {
        EndpointState[] saturated = [new("queue", 6, 40, 0.5, 0), new("cache", 0, 60, 0.85, 0)];
        Assert.True(s_picker.Saturated(saturated[0]) && s_picker.Saturated(saturated[1]));
        Assert.Equal(PickKind.Shed, s_picker.Pick(saturated, 0, 2, sheddable: true, new Random(1)).Kind);
        Assert.Equal(new PickOutcome(PickKind.Queued, -1, "the pool is saturated"), s_picker.Pick(saturated, 0, 2, sheddable: false, new Random(1)));

        // One endpoint with room is enough: nobody is shed, and the saturated one is not chosen.
        EndpointState[] oneFree = [saturated[0], new("room", 2, 10, 0.3, 0)];
        Assert.Equal(new PickOutcome(PickKind.Routed, 1, ""), s_picker.Pick(oneFree, 0, 2, sheddable: true, new Random(1)));
    }

    [Fact]
    public void A_2_s_ttft_request_never_goes_where_the_round_trip_alone_breaks_it()
    {
        // The Moon's replica is idle and empty; Earth's is busy but not saturated.
        EndpointState[] endpoints = [new("moon", 0, 0, 0, MeasuredAt: 0, OneWaySeconds: 1.282), new("earth", 5, 80, 0.75, MeasuredAt: 1.3)];
        for (var seed = 0; seed < 50; seed++)
        {
            Assert.Equal(1, s_picker.Pick(endpoints, 1.35, 2, false, new Random(seed)).Endpoint);
        }

        // Batch work has no TTFT objective: the idle lunar replica wins.
        Assert.Equal(0, s_picker.Pick(endpoints, 1.35, double.PositiveInfinity, false, new Random(1)).Endpoint);

        // With only the Moon, an interactive request waits at the gateway rather than break its objective.
        Assert.Equal(PickKind.Queued, s_picker.Pick([endpoints[0]], 1.35, 2, false, new Random(1)).Kind);
    }

    [Fact]
    public void Stale_metrics_are_used_only_within_the_bound_beyond_the_light_time()
    {
        // Measured on the Moon at t = 10 and heard on Earth 1.282 s later: fresh until 10 + 1.282 + 0.2.
        EndpointState[] moon = [new("moon", 0, 3, 0.1, MeasuredAt: 10, OneWaySeconds: 1.282)];
        Assert.Equal(PickKind.Routed, s_picker.Pick(moon, 11.45, double.PositiveInfinity, false, new Random(1)).Kind);
        Assert.Equal(PickKind.Queued, s_picker.Pick(moon, 11.50, double.PositiveInfinity, false, new Random(1)).Kind);

        // On Earth the bound is the extension's own 200 ms; a link that is down is no candidate at all.
        EndpointState[] earth = [new("old", 0, 3, 0.1, MeasuredAt: 0), new("fresh", 3, 30, 0.5, MeasuredAt: 0.25)];
        Assert.Equal(1, s_picker.Pick(earth, 0.3, 2, false, new Random(1)).Endpoint);
        Assert.Equal(PickKind.Queued, s_picker.Pick([earth[1] with { LinkUp = false }], 0.3, 2, false, new Random(1)).Kind);
    }
}
