namespace Selene.Simulation.Model;

/// <summary>A lunar site's link to Earth: its schedule and a channel each way.</summary>
internal sealed record SiteLink(ILinkSchedule Schedule, LinkChannel Uplink, LinkChannel Downlink)
{
    /// <summary>Mean one-way delay over the run, from the schedule's samples or its constant.</summary>
    public required double MeanDelaySeconds { get; init; }

    /// <summary>The site's schedule through the contact plan (a lunar site whose link follows the ephemeris), or null.</summary>
    public ContactPlanLinkSchedule? Planned { get; init; }
}
