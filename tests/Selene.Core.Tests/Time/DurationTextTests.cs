using Selene.Core.Time;

namespace Selene.Core.Tests.Time;

public class DurationTextTests
{
    [Theory]
    [InlineData("1.282s", 1.282)]
    [InlineData("500ms", 0.5)]
    [InlineData("250us", 0.00025)]
    [InlineData("90m", 5400)]
    [InlineData("24h", 86400)]
    [InlineData("7d", 604800)]
    [InlineData("2w", 1209600)]
    [InlineData("42", 42)]
    [InlineData(" 3 h ", 10800)]
    [InlineData("1e-3s", 0.001)]
    public void A_duration_as_people_write_it_is_read_in_seconds(string text, double seconds)
    {
        Assert.True(DurationText.TryParseSeconds(text, out var parsed));
        Assert.Equal(seconds, parsed, 12);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1x")]
    [InlineData("s")]
    [InlineData("NaNs")]
    [InlineData("1,5s")]
    public void Text_that_is_not_a_duration_is_rejected(string text) =>
        Assert.False(DurationText.TryParseSeconds(text, out _));

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(0.25, "250ms")]
    [InlineData(1.282, "1.282s")]
    [InlineData(5400, "90m")]
    [InlineData(86400, "1d")]
    [InlineData(7200, "2h")]
    public void Formatting_round_trips_through_parsing(double seconds, string expected)
    {
        var text = DurationText.Format(seconds);
        Assert.Equal(expected, text);
        Assert.True(DurationText.TryParseSeconds(text, out var back));
        Assert.Equal(seconds, back, 9);
    }

    [Theory]
    [InlineData(0.8576, "857.6 ms")]
    [InlineData(3.44, "3.4 s")]
    [InlineData(1890, "31.5 min")]
    [InlineData(8640, "2.4 h")]
    public void Humanized_durations_pick_a_readable_unit(double seconds, string expected) =>
        Assert.Equal(expected, DurationText.Humanize(seconds));
}
