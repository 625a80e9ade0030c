using Selene.Simulation.Kernel;

namespace Selene.Simulation.Tests.Kernel;

public class SimulationKernelTests
{
    private sealed class Recorder : IEventTarget
    {
        public List<(double Time, object? State)> Seen { get; } = [];

        public SimulationKernel? Kernel { get; init; }

        public void Handle(object? state) => Seen.Add((Kernel!.Now, state));
    }

    [Fact]
    public void Events_fire_in_time_order_and_the_clock_reads_each_event_time()
    {
        var kernel = new SimulationKernel();
        var recorder = new Recorder { Kernel = kernel };
        foreach (var t in new[] { 5.0, 1.0, 3.0, 2.0, 4.0 })
        {
            kernel.Schedule(t, recorder, t);
        }

        kernel.Run();
        Assert.Equal([1.0, 2.0, 3.0, 4.0, 5.0], recorder.Seen.Select(s => s.Time));
        Assert.Equal(recorder.Seen.Select(s => s.Time), recorder.Seen.Select(s => (double)s.State!));
        Assert.Equal(5, kernel.EventsProcessed);
    }

    [Fact]
    public void Events_at_the_same_time_fire_in_the_order_they_were_scheduled()
    {
        var kernel = new SimulationKernel();
        var recorder = new Recorder { Kernel = kernel };
        for (var i = 0; i < 1000; i++)
        {
            kernel.Schedule(i % 3, recorder, i);
        }

        kernel.Run();
        var expected = Enumerable.Range(0, 1000).OrderBy(i => i % 3).ThenBy(i => i).Cast<object?>();
        Assert.Equal(expected, recorder.Seen.Select(s => s.State));
    }

    [Fact]
    public void A_large_random_schedule_comes_out_sorted_by_time_then_insertion()
    {
        var kernel = new SimulationKernel();
        var recorder = new Recorder { Kernel = kernel };
        var random = new Selene.Simulation.Randomness.RandomSource(7);
        var times = Enumerable.Range(0, 50_000).Select(_ => Math.Floor(random.NextDouble() * 1000)).ToArray();
        for (var i = 0; i < times.Length; i++)
        {
            kernel.Schedule(times[i], recorder, i);
        }

        kernel.Run();
        var expected = Enumerable.Range(0, times.Length).OrderBy(i => times[i]).ThenBy(i => i).Cast<object?>();
        Assert.Equal(expected, recorder.Seen.Select(s => s.State));
    }

    [Fact]
    public void A_cancelled_event_never_fires_and_cancelling_twice_or_after_firing_says_so()
    {
        var kernel = new SimulationKernel();
        var fired = new List<string>();
        var keep = kernel.ScheduleCancellable(1, () => fired.Add("keep"));
        var drop = kernel.ScheduleCancellable(2, () => fired.Add("drop"));

        Assert.True(drop.Cancel());
        Assert.False(drop.Cancel());
        kernel.Run();

        Assert.Equal(["keep"], fired);
        Assert.True(keep.HasFired);
        Assert.False(keep.Cancel());
        Assert.True(drop.IsCancelled);
    }

    [Fact]
    public void Running_until_a_time_leaves_later_events_pending_and_sets_the_clock_to_that_time()
    {
        var kernel = new SimulationKernel();
        var fired = new List<double>();
        kernel.Schedule(1, () => fired.Add(kernel.Now));
        kernel.Schedule(10, () => fired.Add(kernel.Now));

        Assert.Equal(1, kernel.Run(5));
        Assert.Equal(5, kernel.Now);
        Assert.Equal(1, kernel.Pending);
        kernel.Run();
        Assert.Equal([1.0, 10.0], fired);
    }

    [Fact]
    public void A_run_can_stop_after_a_number_of_events_without_moving_the_clock_past_the_last_one()
    {
        var kernel = new SimulationKernel();
        for (var i = 1; i <= 10; i++)
        {
            kernel.Schedule(i, () => { });
        }

        Assert.Equal(3, kernel.Run(100, maxEvents: 3));
        Assert.Equal(3, kernel.Now);
        Assert.True(kernel.Step());
        Assert.Equal(4, kernel.Now);
        Assert.Equal(6, kernel.Run(100));
        Assert.Equal(100, kernel.Now);
        Assert.False(kernel.Step());
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void Scheduling_into_the_past_is_refused(double delay)
    {
        var kernel = new SimulationKernel();
        Assert.Throws<ArgumentOutOfRangeException>(() => kernel.Schedule(delay, () => { }));
    }

    [Fact]
    public void Async_processes_interleave_by_simulated_time()
    {
        var kernel = new SimulationKernel();
        var log = new List<string>();
        async Task Worker(string name, double step)
        {
            for (var i = 0; i < 3; i++)
            {
                await kernel.Delay(step);
                log.Add($"{name}@{kernel.Now}");
            }
        }

        var a = kernel.Spawn(() => Worker("a", 2));
        var b = kernel.Spawn(() => Worker("b", 3));
        kernel.Run();

        // At 6 s both wake; b asked first (at 3 s, a at 4 s), so b runs first.
        Assert.Equal(["a@2", "b@3", "a@4", "b@6", "a@6", "b@9"], log);
        Assert.True(a.IsCompletedSuccessfully && b.IsCompletedSuccessfully);
    }

    [Fact]
    public void An_exception_in_a_process_stops_the_run_and_surfaces_there()
    {
        var kernel = new SimulationKernel();
        kernel.Spawn(async () =>
        {
            await kernel.Delay(1);
            throw new InvalidOperationException("boom at 1 s");
        });
        kernel.Schedule(5, () => { });

        var error = Assert.Throws<InvalidOperationException>(() => kernel.Run());
        Assert.Equal("boom at 1 s", error.Message);
        Assert.Equal(1, kernel.Now);
    }
}
