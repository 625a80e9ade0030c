namespace Selene.Simulation.Model;

/// <summary>When a lunar site's link to Earth is up, and its one-way delay, over simulated time.</summary>
internal interface ILinkSchedule
{
    /// <summary>One-way delay, seconds, for a message leaving at <paramref name="time"/>.</summary>
    double DelayAt(double time);

    /// <summary>The earliest time at or after <paramref name="time"/> at which the link is up; +∞ when never.</summary>
    double NextUp(double time);

    /// <summary>
    /// The earliest time at or after <paramref name="time"/> at which the operators expect the link up: the plan's
    /// answer, blind to unplanned outages, which nobody sees coming or knows the end of.
    /// </summary>
    double PlannedUp(double time) => NextUp(time);

    /// <summary>
    /// A message of <paramref name="bytes"/> handed to the link at <paramref name="ready"/>: when its sender has sent it
    /// (and is free for the next) and when it arrives. By default it waits for the link to be up, is sent at
    /// <paramref name="bandwidthBitsPerSecond"/> and arrives one delay later.
    /// </summary>
    (double Sent, double Arrival) Carry(double ready, double bytes, double bandwidthBitsPerSecond, bool towardEarth)
    {
        var sent = NextUp(ready) + (bytes * 8 / bandwidthBitsPerSecond);
        return (sent, sent + DelayAt(sent));
    }
}

/// <summary>A link that is always up with a fixed delay (a scenario that sets <c>link.oneWayDelay</c>).</summary>
internal sealed class ConstantLinkSchedule(double delaySeconds) : ILinkSchedule
{
    public double DelayAt(double time) => delaySeconds;

    public double NextUp(double time) => time;
}
