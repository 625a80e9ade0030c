namespace Selene.Inference.Planning;

/// <summary>A link as the planner sees it: one-way delay, bandwidth each way, and the share of messages lost.</summary>
/// <param name="Name">Name.</param>
/// <param name="OneWayDelaySeconds">Propagation delay one way.</param>
/// <param name="ForwardBitsPerSecond">Bandwidth from the request's side across the link.</param>
/// <param name="ReturnBitsPerSecond">Bandwidth back.</param>
/// <param name="LossRate">Probability a message is lost, 0 to below 1.</param>
public sealed record LinkModel(string Name, double OneWayDelaySeconds, double ForwardBitsPerSecond, double ReturnBitsPerSecond, double LossRate = 0)
{
    /// <summary>
    /// Earth to Moon: 1.282 s one way at the mean distance (384,400 km / c); 20 Mbit/s up and 622 Mbit/s down, as the
    /// Lunar Laser Communication Demonstration (2013) reached.
    /// </summary>
    public static LinkModel EarthMoon { get; } = new("earth-moon", 384_400e3 / 299_792_458, 20e6, 622e6);

    /// <summary>A symmetric link.</summary>
    public static LinkModel Symmetric(double oneWayDelaySeconds, double bitsPerSecond, double lossRate = 0) =>
        new($"{oneWayDelaySeconds * 1000:0.###} ms, {bitsPerSecond / 1e6:0.###} Mbit/s", oneWayDelaySeconds, bitsPerSecond, bitsPerSecond, lossRate);

    /// <summary>Seconds to put <paramref name="bytes"/> on the link forward.</summary>
    public double ForwardSeconds(double bytes) => bytes * 8 / ForwardBitsPerSecond;

    /// <summary>Seconds to put <paramref name="bytes"/> on the link back.</summary>
    public double ReturnSeconds(double bytes) => bytes * 8 / ReturnBitsPerSecond;

    /// <summary>
    /// Expected time lost to retransmission on a round trip: each of the two messages is lost with probability p and
    /// resent a round trip later, so p / (1 − p) resends each, on average.
    /// </summary>
    public double ExpectedLossSeconds => LossRate <= 0 ? 0 : 2 * (LossRate / (1 - LossRate)) * 2 * OneWayDelaySeconds;
}
