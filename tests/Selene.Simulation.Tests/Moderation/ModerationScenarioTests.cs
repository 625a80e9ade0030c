using Selene.Core.Errors;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.Tests.Moderation;

public class ModerationScenarioTests
{
    private const string Section = "moderation:\n  tenant: imagine\n  blockShare: 0.02\n  reviewShare: 0.05\n  reviewers: 1\n  reviewTime: 90s\n  deadline: 4h\n";

    [Fact]
    public void Every_item_the_tenant_served_is_published_blocked_or_reviewed_and_the_backlog_and_the_scale_follow()
    {
        var scenario = ScenarioLoader.Parse("extends: earth-moon\nduration: 1d\n" + Section, "moderated.yaml", _ => null);

        var metrics = new ScenarioSimulation(scenario).Run();
        var m = metrics.Moderation!;

        Assert.Equal(metrics.Tenants.Single(t => t.Name == "imagine").Served, m.Items);
        Assert.Equal(m.Items, m.Published + m.Blocked + m.Reviewed);
        Assert.Equal(Math.Floor(m.Items * 0.02), m.Blocked);
        Assert.Equal(Math.Floor(m.Items * 0.05), m.Reviewed);
        // One reviewer clears 40 an hour; about 40 an hour arrive, so a backlog builds and the deadline is missed.
        Assert.Equal((int)Math.Ceiling(86_400 / m.BinSeconds), m.Backlog.Length);
        Assert.All(m.Backlog, b => Assert.True(b >= 0));
        Assert.True(m.MaxBacklog > 0);
        Assert.Equal(m.Items * 0.0277, m.FilterCoreSeconds, 6);
        // 50 million videos × 8 frames × 27.7 ms / 86,400 s = 128.2 cores; 2.5 million reviews × 90 s / 86,400 s = 2,604.2 on duty, 3 shifts of 8 h.
        Assert.Equal((129.0, 2605.0, 7815.0), (m.Scale.FilterCores, m.Scale.ReviewersOnDuty, m.Scale.ReviewerHeadcount));
    }

    public static TheoryData<string, string, string> BadSections => new()
    {
        { "a tenant not in the scenario", "imagine", "nobody" },
        { "a share above 1", "blockShare: 0.02", "blockShare: 1.5" },
        { "shares that add up to more than 1", "reviewShare: 0.05", "reviewShare: 0.99" },
        { "an unknown key", "deadline: 4h", "deadline: 4h\n  moodRing: 3" },
    };

    [Theory]
    [MemberData(nameof(BadSections))]
    public void Bad_moderation_sections_are_reported_with_the_line(string because, string find, string replace)
    {
        var yaml = "extends: earth-moon\n" + Section.Replace(find, replace, StringComparison.Ordinal);
        var error = Assert.Throws<InputException>(() => ScenarioLoader.Parse(yaml, "moderated.yaml", _ => null));
        Assert.True(error.Errors.Any(e => e.File == "moderated.yaml" && e.Field.StartsWith("moderation", StringComparison.Ordinal) && e.Line >= 2), $"{because}: {string.Join("; ", error.Errors)}");
    }
}
