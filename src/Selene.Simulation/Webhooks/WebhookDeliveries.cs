using Selene.Simulation.Faults;
using Selene.Simulation.Kernel;
using Selene.Simulation.Metrics;
using Selene.Simulation.Model;
using Selene.Simulation.Randomness;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.Webhooks;

/// <summary>
/// The service's outbound webhooks inside the twin: a cosmic event enters the outbox when Earth learns of it, one
/// delivery per subscriber whose filter takes it, and each delivery is attempted at once and then by
/// <see cref="DeliveryPolicy"/> until its receiver acknowledges it or it becomes a dead letter. An attempt succeeds when
/// the receiver is up as it starts (the quick retries inside one attempt, a fraction of a second, are not told apart)
/// and is acknowledged one receiver latency later. Every delivery ends delivered, dead, or still pending at the end.
/// </summary>
internal sealed class WebhookDeliveries
{
    private readonly SimulationKernel _kernel;
    private readonly string _eventIdPrefix;
    private readonly List<Receiver> _receivers;

    /// <summary>Subscribers whose receivers go down as their <see cref="WebhookSubscriberSpec.Outages"/> draw.</summary>
    public WebhookDeliveries(SimulationKernel kernel, IReadOnlyList<WebhookSubscriberSpec> subscribers, RandomStreams streams, double durationSeconds, string scenario, ulong seed)
        : this(kernel, subscribers.Select(s => (s, (IReadOnlyList<(double, double)>)PoissonIntervals.Draw(streams.Get($"webhooks/{s.Name}"), s.Outages, durationSeconds))).ToList(), scenario, seed)
    {
    }

    /// <summary>Subscribers whose receivers are down in the given intervals (simulated seconds).</summary>
    public WebhookDeliveries(SimulationKernel kernel, IReadOnlyList<(WebhookSubscriberSpec Spec, IReadOnlyList<(double Start, double End)> Outages)> subscribers, string scenario, ulong seed)
    {
        _kernel = kernel;
        _eventIdPrefix = FormattableString.Invariant($"{scenario}-{seed}-");
        _receivers = subscribers.Select(s => new Receiver(s.Spec, new OutageLinkSchedule(new ConstantLinkSchedule(0), s.Outages))).ToList();
    }

    /// <summary>Events in the outbox so far.</summary>
    public long Emitted { get; private set; }

    /// <summary>Puts <paramref name="cosmic"/> in the outbox now, and makes the first attempt of each of its deliveries.</summary>
    public void Emit(CosmicEvent cosmic)
    {
        Emitted++;
        var type = CosmicEvent.CloudEventTypePrefix + cosmic.Type;
        foreach (var receiver in _receivers)
        {
            if (DeliveryPolicy.Matches(receiver.Spec.Filter, type))
            {
                receiver.Events++;
                receiver.Pending++;
                Attempt(receiver, new Delivery(cosmic, _eventIdPrefix + cosmic.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }
    }

    /// <summary>Each subscriber's record so far, with the <paramref name="faults"/> of the run so far.</summary>
    public WebhookMetrics Result(double endSeconds, long faults) => new(Emitted, faults - Emitted, _receivers.Select(r => new WebhookSubscriberMetrics(
        r.Spec.Name, r.Spec.Filter, r.Events, r.Delivered, r.Attempts, r.Attempts - r.Events, r.DeadLetters, r.Pending,
        r.Availability(endSeconds), DurationSummary.Of(r.DeliverySeconds))).ToList());

    private void Attempt(Receiver receiver, Delivery delivery)
    {
        delivery.Attempts++;
        receiver.Attempts++;
        var now = _kernel.Now;
        if (receiver.Up.NextUp(now) <= now)
        {
            receiver.Pending--;
            receiver.Delivered++;
            receiver.DeliverySeconds.Add(now + receiver.Spec.LatencySeconds - delivery.Event.Time);
            return;
        }

        if (delivery.Attempts >= DeliveryPolicy.MaxAttempts)
        {
            receiver.Pending--;
            receiver.DeadLetters++;
            return;
        }

        var wait = DeliveryPolicy.NextAttemptMs(0, delivery.EventId, delivery.Attempts) / 1000.0;
        _kernel.Schedule(wait, () => Attempt(receiver, delivery));
    }

    private sealed class Delivery(CosmicEvent cosmic, string eventId)
    {
        public CosmicEvent Event { get; } = cosmic;

        public string EventId { get; } = eventId;

        public int Attempts { get; set; }
    }

    private sealed class Receiver(WebhookSubscriberSpec spec, OutageLinkSchedule up)
    {
        public WebhookSubscriberSpec Spec { get; } = spec;

        public OutageLinkSchedule Up { get; } = up;

        public long Events { get; set; }

        public long Delivered { get; set; }

        public long Attempts { get; set; }

        public long DeadLetters { get; set; }

        public long Pending { get; set; }

        public List<double> DeliverySeconds { get; } = [];

        public double Availability(double endSeconds) => endSeconds > 0 ? 1 - (Up.OutageSeconds(endSeconds) / endSeconds) : 1;
    }
}
