using Selene.Simulation.Model;

namespace Selene.Simulation.Tests.Model;

public class OutageLinkScheduleTests
{
    [Fact]
    public void Outages_laid_over_a_link_merge_and_push_the_next_up_time_past_their_end()
    {
        var schedule = new OutageLinkSchedule(new ConstantLinkSchedule(1.3), [(100, 200), (150, 250), (400, 410)]);

        Assert.Equal(50, schedule.NextUp(50));
        Assert.Equal(250, schedule.NextUp(100));
        Assert.Equal(250, schedule.NextUp(220));
        Assert.Equal(250, schedule.NextUp(250));
        Assert.Equal(410, schedule.NextUp(405));
        Assert.Equal(1.3, schedule.DelayAt(120));
    }

    [Fact]
    public void An_outage_ending_inside_a_planned_blackout_waits_for_both()
    {
        var blackout = new OutageLinkSchedule(new ConstantLinkSchedule(1.3), [(300, 500)]);
        var schedule = new OutageLinkSchedule(blackout, [(250, 350), (500, 520)]);

        Assert.Equal(520, schedule.NextUp(260));
    }
}
