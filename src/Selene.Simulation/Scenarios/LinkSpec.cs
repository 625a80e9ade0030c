namespace Selene.Simulation.Scenarios;

/// <summary>
/// The Earth–Moon link, the same in both directions. By default its delay and availability follow the
/// ephemeris (light time to the nearest ground station that sees the lunar site); a scenario that sets
/// <c>oneWayDelay</c> gets a link that is always up with that delay instead.
/// </summary>
/// <param name="Name">Link name.</param>
/// <param name="OneWayDelaySeconds">
/// The fixed one-way delay when the link does not follow the ephemeris; otherwise the nominal 1.282 s (mean
/// distance 384,400 km), used only for the retransmission timeout's default.
/// </param>
/// <param name="BandwidthBitsPerSecond">Data rate each way.</param>
/// <param name="LossProbability">Probability that one transmission of a message is lost and must be resent.</param>
/// <param name="RetransmitTimeoutSeconds">
/// How long a sender waits for an acknowledgement before resending: one round trip plus a margin.
/// </param>
public sealed record LinkSpec(
    string Name,
    double OneWayDelaySeconds,
    double BandwidthBitsPerSecond,
    double LossProbability,
    double RetransmitTimeoutSeconds)
{
    /// <summary>Light time at the mean Earth–Moon distance, 384,400 km / c.</summary>
    public const double NominalDelaySeconds = 1.282;

    /// <summary>True when delay and availability come from the ephemeris and the ground stations.</summary>
    public bool FollowsEphemeris { get; init; }
}
