namespace Selene.Simulation.Scenarios;

/// <summary>The Earth–Moon link, the same in both directions.</summary>
/// <param name="Name">Link name.</param>
/// <param name="OneWayDelaySeconds">Light time one way (1.282 s at the mean distance of 384,400 km).</param>
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
    double RetransmitTimeoutSeconds);
