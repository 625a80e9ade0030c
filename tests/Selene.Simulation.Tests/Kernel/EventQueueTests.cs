using Selene.Simulation.Kernel;
using Selene.Simulation.Randomness;

namespace Selene.Simulation.Tests.Kernel;

public class EventQueueTests
{
    private sealed class Target : IEventTarget
    {
        public void Handle(object? state)
        {
        }
    }

    [Theory]
    [InlineData(1, 10_000)]
    [InlineData(9, 50_000)]
    [InlineData(1000, 200_000)]
    [InlineData(100_000, 300_000)]
    public void Holds_with_many_equal_times_leave_in_time_then_insertion_order(int pending, int holds)
    {
        // Times on a coarse grid make ties among siblings common, which exercises the exact tie-breaking path.
        var queue = new EventQueue();
        var reference = new SortedSet<(double Time, long Sequence)>();
        var random = new RandomSource(3);
        var target = new Target();
        long sequence = 0;
        var now = 0.0;
        void Add(double time)
        {
            queue.Enqueue(time, sequence, target, sequence);
            reference.Add((time, sequence));
            sequence++;
        }

        for (var i = 0; i < pending; i++)
        {
            Add(Math.Floor(random.NextDouble() * 8) / 4);
        }

        for (var i = 0; i < holds; i++)
        {
            var expected = reference.Min;
            reference.Remove(expected);
            var entry = queue.Dequeue();
            Assert.Equal(expected, (entry.Time, entry.Sequence));
            Assert.Equal(entry.Sequence, (long)entry.State!);
            now = entry.Time;
            Add(now + (Math.Floor(random.NextDouble() * 8) / 4));
        }

        Assert.Equal(pending, queue.Count);
    }
}
