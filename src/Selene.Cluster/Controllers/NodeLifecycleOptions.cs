namespace Selene.Cluster.Controllers;

/// <summary>
/// The node lifecycle controller's settings, with kube-controller-manager's defaults
/// (<c>nodelifecyclecontroller.go</c> and its defaults: eviction 0.1 nodes/s, secondary 0.01, large cluster 50
/// nodes, unhealthy zone 0.55; DefaultTolerationSeconds 300) and grace periods per location: Earth 40 s (the
/// node-monitor-grace-period default), orbit 60 s, Moon 120 s, for heartbeats that cross a 1.3 s link.
/// </summary>
public sealed record NodeLifecycleOptions
{
    /// <summary>How long a node may go without a heartbeat before it is unreachable, by location.</summary>
    public IReadOnlyDictionary<string, TimeSpan> GracePeriods { get; init; } = new Dictionary<string, TimeSpan>(StringComparer.Ordinal)
    {
        ["earth"] = TimeSpan.FromSeconds(40),
        ["orbit"] = TimeSpan.FromSeconds(60),
        ["moon"] = TimeSpan.FromSeconds(120),
    };

    /// <summary>Grace period of a node whose location is not listed.</summary>
    public TimeSpan DefaultGracePeriod { get; init; } = TimeSpan.FromSeconds(40);

    /// <summary>Nodes per second that may be tainted for eviction in a healthy zone.</summary>
    public double EvictionRate { get; init; } = 0.1;

    /// <summary>Nodes per second in an unhealthy zone of a large cluster.</summary>
    public double SecondaryEvictionRate { get; init; } = 0.01;

    /// <summary>A zone is unhealthy when more than this share of its nodes is not ready.</summary>
    public double UnhealthyZoneThreshold { get; init; } = 0.55;

    /// <summary>A zone with at most this many nodes stops evicting when unhealthy instead of slowing down.</summary>
    public int LargeClusterThreshold { get; init; } = 50;

    /// <summary>The toleration of not-ready and unreachable every pod gets unless it says otherwise (DefaultTolerationSeconds).</summary>
    public TimeSpan DefaultTolerationSeconds { get; init; } = TimeSpan.FromSeconds(300);
}
