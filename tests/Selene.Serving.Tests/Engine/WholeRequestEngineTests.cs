using Selene.Serving.Benchmarking;
using Selene.Serving.Engine;

namespace Selene.Serving.Tests.Engine;

public sealed class WholeRequestEngineTests
{
    [Fact]
    public void Requests_are_served_one_at_a_time_first_come_first_served_for_the_time_drawn_as_each_starts()
    {
        var times = new Queue<double>([3, 1, 2]);
        var log = new RequestLog();
        var engine = new WholeRequestEngine(times.Dequeue, log);
        var requests = new[] { new EngineRequest(1, 1, 0), new EngineRequest(1, 1, 0.5), new EngineRequest(1, 1, 0.7) };
        EngineDriver.Replay(engine, requests);

        Assert.Equal([0, 3, 4], requests.Select(r => r.StartTime));
        Assert.Equal([3, 4, 6], requests.Select(r => r.FinishTime));
        Assert.All(requests, r => Assert.Equal(r.FinishTime, r.FirstTokenTime));
        Assert.Equal(requests, log.Finished);
        Assert.Equal(6, engine.BusySeconds, 12);
        Assert.Empty(times);
    }

    [Fact]
    public void A_busy_replica_reports_its_one_slot_full_and_the_rest_waiting()
    {
        var engine = new WholeRequestEngine(() => 10, new RequestLog());
        Assert.Equal((0, 0, 0.0), (engine.Waiting, engine.Running, engine.KvCacheUsage));

        engine.Submit(new EngineRequest(1, 1, 0), 0);
        engine.Submit(new EngineRequest(1, 1, 1), 1);
        engine.Submit(new EngineRequest(1, 1, 2), 2);

        Assert.Equal((2, 1, 1.0), (engine.Waiting, engine.Running, engine.KvCacheUsage));
        Assert.Equal(10, engine.NextEventTime);
        engine.AdvanceTo(20);
        Assert.Equal((0, 1, 1.0), (engine.Waiting, engine.Running, engine.KvCacheUsage));
        Assert.Equal(30, engine.NextEventTime);
    }

    [Fact]
    public void Abort_hands_back_the_running_request_first_then_the_queue_in_order()
    {
        var engine = new WholeRequestEngine(() => 10, new RequestLog());
        var requests = Enumerable.Range(0, 3).Select(i => new EngineRequest(1, 1, i)).ToList();
        foreach (var request in requests)
        {
            engine.Submit(request, request.ArrivalTime);
        }

        Assert.Equal(requests, engine.Abort());
        Assert.Equal((0, 0, double.PositiveInfinity), (engine.Waiting, engine.Running, engine.NextEventTime));
    }
}
