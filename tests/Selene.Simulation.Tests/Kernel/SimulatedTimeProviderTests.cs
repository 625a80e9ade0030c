using Selene.Simulation.Kernel;

namespace Selene.Simulation.Tests.Kernel;

public class SimulatedTimeProviderTests
{
    private static readonly DateTimeOffset s_epoch = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_clock_reads_the_epoch_plus_simulated_time()
    {
        var kernel = new SimulationKernel(s_epoch);
        DateTimeOffset seen = default;
        long timestamp = 0;
        kernel.Schedule(90.5, () =>
        {
            seen = kernel.TimeProvider.GetUtcNow();
            timestamp = kernel.TimeProvider.GetTimestamp();
        });
        kernel.Run();

        Assert.Equal(s_epoch.AddSeconds(90.5), seen);
        Assert.Equal(TimeSpan.FromSeconds(90.5), kernel.TimeProvider.GetElapsedTime(0, timestamp));
    }

    [Fact]
    public void A_one_shot_timer_fires_once_at_its_due_time()
    {
        var kernel = new SimulationKernel(s_epoch);
        var fired = new List<double>();
        using var timer = kernel.TimeProvider.CreateTimer(_ => fired.Add(kernel.Now), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);
        kernel.Run(100);
        Assert.Equal([3.0], fired);
    }

    [Fact]
    public void A_periodic_timer_ticks_until_disposed_and_Change_moves_it()
    {
        var kernel = new SimulationKernel(s_epoch);
        var fired = new List<double>();
        ITimer? timer = null;
        timer = kernel.TimeProvider.CreateTimer(_ =>
        {
            fired.Add(kernel.Now);
            if (fired.Count == 3)
            {
                timer!.Change(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5));
            }
            else if (fired.Count == 5)
            {
                timer!.Dispose();
            }
        }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        kernel.Run(1000);
        Assert.Equal([1.0, 3.0, 5.0, 15.0, 20.0], fired);
        Assert.False(timer.Change(TimeSpan.Zero, TimeSpan.Zero));
    }

    [Fact]
    public async Task Task_Delay_written_against_TimeProvider_completes_at_the_simulated_time()
    {
        var kernel = new SimulationKernel(s_epoch);
        var completedAt = -1.0;
        var delay = Task.Delay(TimeSpan.FromSeconds(42), kernel.TimeProvider)
            .ContinueWith(_ => completedAt = kernel.Now, TaskContinuationOptions.ExecuteSynchronously);

        kernel.Run(41);
        Assert.False(delay.IsCompleted);
        kernel.Run(43);
        await delay;
        Assert.Equal(42, completedAt);
    }

    [Fact]
    public void A_PeriodicTimer_on_the_simulated_clock_ticks_every_period()
    {
        var kernel = new SimulationKernel(s_epoch);
        var ticks = new List<double>();
        kernel.Spawn(async () =>
        {
            using var periodic = new PeriodicTimer(TimeSpan.FromMinutes(1), kernel.TimeProvider);
            while (ticks.Count < 3 && await periodic.WaitForNextTickAsync())
            {
                ticks.Add(kernel.Now);
            }
        });
        kernel.Run(3600);
        Assert.Equal([60.0, 120.0, 180.0], ticks);
    }
}
