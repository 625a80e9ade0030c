using Selene.Simulation.Kernel;
using Selene.Simulation.Randomness;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.Model;

/// <summary>
/// One direction of the Earth–Moon link, as bundle-style custody transfer: messages are serialised onto the
/// link one after another at its bandwidth, arrive one light time later, and a lost transmission is resent
/// when its acknowledgement fails to come back within the retransmission timeout, so nothing is lost.
/// A resend is assumed not to delay the messages queued behind it.
/// </summary>
internal sealed class LinkChannel : IEventTarget
{
    private readonly SimulationKernel _kernel;
    private readonly LinkSpec _spec;
    private readonly RandomSource _loss;
    private readonly Action<Request> _onDelivered;
    private double _freeAt;

    public LinkChannel(SimulationKernel kernel, LinkSpec spec, RandomSource loss, Action<Request> onDelivered)
    {
        _kernel = kernel;
        _spec = spec;
        _loss = loss;
        _onDelivered = onDelivered;
    }

    public long Messages { get; private set; }

    public double Bytes { get; private set; }

    public long Retransmissions { get; private set; }

    /// <summary>Seconds from now until a message of <paramref name="bytes"/> would arrive, were nothing lost.</summary>
    public double ExpectedDelaySeconds(double bytes) =>
        Math.Max(0, _freeAt - _kernel.Now) + TransmitSeconds(bytes) + _spec.OneWayDelaySeconds;

    public void Send(Request request, double bytes)
    {
        var transmit = TransmitSeconds(bytes);
        _freeAt = Math.Max(_kernel.Now, _freeAt) + transmit;
        var arrival = _freeAt + _spec.OneWayDelaySeconds;
        while (_spec.LossProbability > 0 && _loss.NextBernoulli(_spec.LossProbability))
        {
            Retransmissions++;
            arrival += _spec.RetransmitTimeoutSeconds + transmit;
        }

        Messages++;
        Bytes += bytes;
        _kernel.ScheduleAt(arrival, this, request);
    }

    public void Handle(object? state) => _onDelivered((Request)state!);

    private double TransmitSeconds(double bytes) => bytes * 8 / _spec.BandwidthBitsPerSecond;
}
