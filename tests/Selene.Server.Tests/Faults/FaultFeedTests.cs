using Selene.Server.Faults;

namespace Selene.Server.Tests.Faults;

public sealed class FaultFeedTests
{
    private static readonly DateTimeOffset s_epoch = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Faults_are_numbered_in_the_order_heard_and_read_after_the_last_id_seen()
    {
        var feed = new FaultFeed();
        var first = feed.Add(s_epoch, "shackleton-rim", "lunar-gpu-01", "upset-corrected", "info", "twin");
        var second = feed.Add(s_epoch.AddMinutes(5), "", "ash-gpu-01", "upset-gpu-hang", "error", "operator");

        Assert.Equal((1L, 2L), (first.Id, second.Id));
        Assert.Equal([first, second], feed.After(0, 100));
        Assert.Equal([second], feed.After(1, 100));
        Assert.Empty(feed.After(2, 100));
        Assert.Equal(2, feed.Count);
    }

    [Fact]
    public void A_limited_read_returns_the_latest_and_the_feed_keeps_only_its_capacity()
    {
        var feed = new FaultFeed();
        for (var i = 0; i < FaultFeed.Capacity + 5; i++)
        {
            feed.Add(s_epoch.AddSeconds(i), "s", "n", "upset-corrected", "info", "twin");
        }

        Assert.Equal(FaultFeed.Capacity + 5, feed.Count);
        var kept = feed.After(0, int.MaxValue);
        Assert.Equal(FaultFeed.Capacity, kept.Count);
        Assert.Equal(6, kept[0].Id);
        Assert.Equal([FaultFeed.Capacity + 4L, FaultFeed.Capacity + 5L], feed.After(0, 2).Select(f => f.Id));
    }
}
