using Selene.Core.Units;

namespace Selene.Core.Tests.Units;

public class ByteSizeTextTests
{
    [Theory]
    [InlineData("512", 512)]
    [InlineData("4Ki", 4096)]
    [InlineData("8Mi", 8388608)]
    [InlineData("1Gi", 1073741824)]
    [InlineData("2MB", 2e6)]
    [InlineData("4k", 4000)]
    [InlineData("1.5G", 1.5e9)]
    [InlineData("100B", 100)]
    public void Sizes_in_binary_and_decimal_units_are_read_in_bytes(string text, double bytes)
    {
        Assert.True(ByteSizeText.TryParseBytes(text, out var parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1Ki")]
    [InlineData("Mi")]
    [InlineData("4 apples")]
    public void Text_that_is_not_a_size_is_rejected(string text) =>
        Assert.False(ByteSizeText.TryParseBytes(text, out _));
}
