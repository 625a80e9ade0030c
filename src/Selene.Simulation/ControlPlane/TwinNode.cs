using Selene.Simulation.Model;

namespace Selene.Simulation.ControlPlane;

/// <summary>A node as the control plane hears it: when it came online, its grace, when it was lost, and its heartbeats.</summary>
internal sealed class TwinNode(NodeServer server, double since, double graceSeconds)
{
    public NodeServer Server { get; } = server;

    public double Since { get; } = since;

    public double GraceSeconds { get; } = graceSeconds;

    public double LostAt { get; set; } = double.PositiveInfinity;

    /// <summary>Number (from 1) of the latest heartbeat known to have arrived; 0 for none.</summary>
    private double _lastHeard;

    /// <summary>Number of the latest heartbeat whose fate (arrived or lost) was known at the last look.</summary>
    private double _settled;

    /// <summary>When that heartbeat arrived.</summary>
    private double _lastArrival = double.NegativeInfinity;

    /// <summary>
    /// When the latest heartbeat to have arrived by <paramref name="now"/> arrived (null for none): sent every
    /// <paramref name="periodSeconds"/> from when the node came online until it was lost, only while its link was up,
    /// each arriving one light time later. Arrivals keep the order of sending, and a heartbeat sent over a second plus
    /// the light time ago has arrived or never will, so only those sent after both the one found last time and the
    /// last one settled then need looking at.
    /// </summary>
    public double? LastHeartbeat(double now, double periodSeconds)
    {
        var link = Server.Site.Link?.Schedule;
        var oldest = now - GraceSeconds - periodSeconds;
        var settledBefore = Math.Max(_lastHeard, _settled);
        _settled = Math.Floor((now - (link?.DelayAt(now) ?? 0) - 1 - Since) / periodSeconds);
        for (var k = Math.Floor((Math.Min(now, LostAt) - Since) / periodSeconds); k > settledBefore; k--)
        {
            var sent = Since + (k * periodSeconds);
            if (sent < oldest)
            {
                break;
            }

            if (sent >= LostAt || (link is not null && link.NextUp(sent) > sent))
            {
                continue;
            }

            var arrived = link is null ? sent : sent + link.DelayAt(sent);
            if (arrived <= now)
            {
                _lastHeard = k;
                _lastArrival = arrived;
                break;
            }
        }

        return double.IsFinite(_lastArrival) ? _lastArrival : null;
    }
}
