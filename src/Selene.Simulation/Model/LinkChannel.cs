using Selene.Simulation.Kernel;
using Selene.Simulation.Randomness;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.Model;

/// <summary>
/// One direction of a lunar site's link to Earth, as bundle-style custody transfer: messages are handed to the
/// link one after another, and the schedule carries each (waiting for the link, or at a relay, serialised at the
/// link's or the contact's rate, arriving one light time later); a lost transmission is resent after the
/// retransmission timeout, so nothing is lost. A resend is assumed not to delay the messages behind it.
/// </summary>
internal sealed class LinkChannel : IEventTarget
{
    private readonly SimulationKernel _kernel;
    private readonly LinkSpec _spec;
    private readonly ILinkSchedule _schedule;
    private readonly RandomSource _loss;
    private readonly Action<Request> _onDelivered;
    private readonly bool _towardEarth;
    private double _freeAt;
    private (double Now, double Bytes, double FreeAt, double Seconds) _expected = (double.NaN, 0, 0, 0);

    public LinkChannel(SimulationKernel kernel, LinkSpec spec, ILinkSchedule schedule, RandomSource loss, bool towardEarth, Action<Request> onDelivered)
    {
        _towardEarth = towardEarth;
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
            var (_, arrival) = _schedule.Carry(Math.Max(now, _freeAt), bytes, _spec.BandwidthBitsPerSecond, _towardEarth);
            _expected = (now, bytes, _freeAt, arrival - now);
        }

        return _expected.Seconds;
    }

    public void Send(Request request, double bytes)
    {
        var (sent, arrival) = _schedule.Carry(Math.Max(_kernel.Now, _freeAt), bytes, _spec.BandwidthBitsPerSecond, _towardEarth);
        if (double.IsFinite(sent))
        {
            _freeAt = sent;
        }

        while (_spec.LossProbability > 0 && _loss.NextBernoulli(_spec.LossProbability))
        {
            Retransmissions++;
            (sent, arrival) = _schedule.Carry(sent + _spec.RetransmitTimeoutSeconds, bytes, _spec.BandwidthBitsPerSecond, _towardEarth);
        }

        Messages++;
        Bytes += bytes;
        _kernel.ScheduleAt(arrival, this, request);
    }

    public void Handle(object? state) => _onDelivered((Request)state!);
}
