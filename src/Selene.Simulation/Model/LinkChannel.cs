using Selene.Simulation.Kernel;
using Selene.Simulation.Randomness;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.Model;

/// <summary>
/// One direction of a lunar site's link to Earth, as bundle-style custody transfer: messages wait for the
/// link to be up, are serialised onto it one after another at its bandwidth, arrive one light time later (as
/// the schedule gives it at that moment), and a lost transmission is resent, when the link is next up after
/// the retransmission timeout, so nothing is lost. A resend is assumed not to delay the messages behind it.
/// </summary>
internal sealed class LinkChannel : IEventTarget
{
    private readonly SimulationKernel _kernel;
    private readonly LinkSpec _spec;
    private readonly ILinkSchedule _schedule;
    private readonly RandomSource _loss;
    private readonly Action<Request> _onDelivered;
    private double _freeAt;
    private (double Now, double Bytes, double FreeAt, double Seconds) _expected = (double.NaN, 0, 0, 0);

    public LinkChannel(SimulationKernel kernel, LinkSpec spec, ILinkSchedule schedule, RandomSource loss, Action<Request> onDelivered)
    {
        _kernel = kernel;
        _spec = spec;
        _schedule = schedule;
        _loss = loss;
        _onDelivered = onDelivered;
    }

    public long Messages { get; private set; }

    public double Bytes { get; private set; }

    public long Retransmissions { get; private set; }

    /// <summary>Seconds from now until a message of <paramref name="bytes"/> would arrive, were nothing lost.</summary>
    public double ExpectedDelaySeconds(double bytes)
    {
        // Every node at a site asks the same question when a request is placed; the answer holds until time moves or a message is sent.
        var now = _kernel.Now;
        if (now != _expected.Now || bytes != _expected.Bytes || _freeAt != _expected.FreeAt)
        {
            var sent = _schedule.NextUp(Math.Max(now, _freeAt)) + TransmitSeconds(bytes);
            _expected = (now, bytes, _freeAt, sent - now + _schedule.DelayAt(sent));
        }

        return _expected.Seconds;
    }

    public void Send(Request request, double bytes)
    {
        var transmit = TransmitSeconds(bytes);
        var sent = _schedule.NextUp(Math.Max(_kernel.Now, _freeAt)) + transmit;
        if (double.IsFinite(sent))
        {
            _freeAt = sent;
        }

        while (_spec.LossProbability > 0 && _loss.NextBernoulli(_spec.LossProbability))
        {
            Retransmissions++;
            sent = _schedule.NextUp(sent + _spec.RetransmitTimeoutSeconds) + transmit;
        }

        var arrival = sent + _schedule.DelayAt(sent);

        Messages++;
        Bytes += bytes;
        _kernel.ScheduleAt(arrival, this, request);
    }

    public void Handle(object? state) => _onDelivered((Request)state!);

    private double TransmitSeconds(double bytes) => bytes * 8 / _spec.BandwidthBitsPerSecond;
}
