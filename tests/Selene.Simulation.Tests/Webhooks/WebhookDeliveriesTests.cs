using Selene.Simulation.Faults;
using Selene.Simulation.Kernel;
using Selene.Simulation.Scenarios;
using Selene.Simulation.Webhooks;

namespace Selene.Simulation.Tests.Webhooks;

public class WebhookDeliveriesTests
{
    private static WebhookSubscriberSpec Subscriber(string name, string filter = "*", double latency = 0.25) =>
        new(name, filter, new OutageSpec(0, 0), latency);

    private static CosmicEvent Fault(long sequence, double time, string type = "upset-gpu-hang") =>
        new(sequence, time, "shackleton-rim", "lunar-gpu-01", type, CosmicEvent.SeverityOf(type));

    // Emits each fault when Earth hears of it, then runs the kernel to the end.
    private static WebhookDeliveries Run(double end, IReadOnlyList<(WebhookSubscriberSpec, IReadOnlyList<(double, double)>)> subscribers, params (CosmicEvent Fault, double Heard)[] faults)
    {
        var kernel = new SimulationKernel();
        var deliveries = new WebhookDeliveries(kernel, subscribers, "test", 7);
        foreach (var (fault, heard) in faults)
        {
            kernel.ScheduleAt(heard, () => deliveries.Emit(fault));
        }

        kernel.Run(end);
        return deliveries;
    }

    [Fact]
    public void A_receiver_that_is_up_acknowledges_each_event_at_the_first_attempt_and_only_the_events_its_filter_takes()
    {
        var deliveries = Run(3600, [(Subscriber("archive", latency: 0.25), []), (Subscriber("desk", "io.selene.cosmic-event.upset-*"), [])],
            (Fault(1, 100, "upset-gpu-hang"), 101.3), (Fault(2, 200, "link-outage"), 200));

        var result = deliveries.Result(3600, faults: 2);
        Assert.Equal((2L, 0L), (result.EventsEmitted, result.EventsUnheardAtEnd));
        var archive = result.Subscribers[0];
        Assert.Equal((2L, 2L, 2L, 0L, 0L, 0L), (archive.Events, archive.Delivered, archive.Attempts, archive.Retries, archive.DeadLetters, archive.PendingAtEnd));
        // Fault to acknowledgement: the report's 1.3 s across the link plus the receiver's 0.25 s; the outage at once.
        Assert.Equal(1.55, archive.DeliverySeconds.Max, 9);
        Assert.Equal(0.25, archive.DeliverySeconds.P50, 9);
        var desk = result.Subscribers[1];
        Assert.Equal((1L, 1L), (desk.Events, desk.Delivered));
        Assert.Equal(1.0, archive.ReceiverAvailability);
    }

    [Fact]
    public void A_receiver_down_for_a_while_gets_the_delivery_at_the_first_retry_after_it_is_back()
    {
        // Down from 50 s to 130 s; the event is heard at 60 s. Retries follow DeliveryPolicy from the event id
        // ("test-7-1"): the delivery lands at the first attempt at or after 130 s.
        var deliveries = Run(3600, [(Subscriber("archive", latency: 0), [(50, 130)])], (Fault(1, 60), 60));

        var expectedAttempts = 1;
        var attemptAt = 60.0;
        while (attemptAt < 130)
        {
            attemptAt += DeliveryPolicy.NextAttemptMs(0, "test-7-1", expectedAttempts) / 1000.0;
            expectedAttempts++;
        }

        var archive = deliveries.Result(3600, faults: 1).Subscribers[0];
        Assert.InRange(expectedAttempts, 3, DeliveryPolicy.MaxAttempts - 1);
        Assert.Equal((1L, expectedAttempts, expectedAttempts - 1L, 0L), (archive.Delivered, archive.Attempts, archive.Retries, archive.DeadLetters));
        Assert.Equal(attemptAt - 60, archive.DeliverySeconds.Max, 9);
        Assert.Equal(1 - (80.0 / 3600), archive.ReceiverAvailability, 12);
    }

    [Fact]
    public void A_receiver_down_past_every_attempt_leaves_a_dead_letter_and_one_down_at_the_end_a_pending_delivery()
    {
        var deliveries = Run(3600, [(Subscriber("gone"), [(0, 1e9)]), (Subscriber("late"), [(3000, 1e9)])], (Fault(1, 10), 10), (Fault(2, 3590), 3590));

        var result = deliveries.Result(3600, faults: 3);
        Assert.Equal(1, result.EventsUnheardAtEnd);
        var gone = result.Subscribers[0];
        // The first event used up its attempts (about 8.5 min of backoff); the second is still being retried.
        Assert.Equal((2L, 0L, 1L, 1L), (gone.Events, gone.Delivered, gone.DeadLetters, gone.PendingAtEnd));
        Assert.True(gone.Attempts > DeliveryPolicy.MaxAttempts);
        var late = result.Subscribers[1];
        Assert.Equal((1L, 0L, 1L), (late.Delivered, late.DeadLetters, late.PendingAtEnd));
        foreach (var s in result.Subscribers)
        {
            Assert.Equal(s.Events, s.Delivered + s.DeadLetters + s.PendingAtEnd);
        }
    }
}
