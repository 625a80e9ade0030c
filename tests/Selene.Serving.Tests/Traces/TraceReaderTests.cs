using Selene.Core.Errors;
using Selene.Serving.Traces;

namespace Selene.Serving.Tests.Traces;

public sealed class TraceReaderTests
{
    /// <summary>The figures the trace's README counts from the files (shared traces README).</summary>
    [Theory]
    [InlineData("azure-conv-2023", 19_366, 5.38, 1020, 129)]
    [InlineData("azure-code-2023", 8_819, 2.45, 1469, 13)]
    public void Built_in_traces_are_the_published_hour(string name, int requests, double rate, int medianPrompt, int medianOutput)
    {
        var trace = TraceReader.Load(name, ".");
        Assert.Equal(requests, trace.Count);
        // The README's rate is per hour of the trace; the arrivals span a little less than the hour.
        Assert.Equal(rate, trace.Count / 3600.0, 0.01);
        Assert.InRange(trace.MeanRatePerSecond / rate, 1.0, 1.05);
        Assert.Equal(medianPrompt, Median(trace.Prompts), 1);
        Assert.Equal(medianOutput, Median(trace.Outputs), 1);
        Assert.InRange(trace.Offsets[^1], 3000, 3700);
    }

    [Theory]
    [InlineData("TIMESTAMP,ContextTokens\n1,2\n", 1, "GeneratedTokens")]
    [InlineData("TIMESTAMP,ContextTokens,GeneratedTokens\n0,10,5\n1,-3,5\n", 3, "ContextTokens")]
    [InlineData("TIMESTAMP,ContextTokens,GeneratedTokens\n0,10,5\n1,10,zero\n", 3, "GeneratedTokens")]
    [InlineData("TIMESTAMP,ContextTokens,GeneratedTokens\n0,10,5\n1,10\n", 3, "")]
    [InlineData("TIMESTAMP,ContextTokens,GeneratedTokens\n5,10,5\n1,10,5\n", 3, "TIMESTAMP")]
    [InlineData("TIMESTAMP,ContextTokens,GeneratedTokens\nyesterday,10,5\n", 2, "TIMESTAMP")]
    [InlineData("TIMESTAMP,ContextTokens,GeneratedTokens\n0,10,0\n", 2, "GeneratedTokens")]
    public void A_bad_line_is_named_with_its_field(string csv, int line, string field)
    {
        var error = Assert.Throws<InputException>(() => TraceReader.Read(new StringReader(csv), "t.csv"));
        var first = error.Errors[0];
        Assert.Equal("t.csv", first.File);
        Assert.Equal(line, first.Line);
        Assert.Equal(field, first.Field);
    }

    [Fact]
    public void A_missing_file_is_an_input_error()
    {
        var error = Assert.Throws<InputException>(() => TraceReader.Load("nope.csv", Path.GetTempPath()));
        Assert.Contains("no such trace", error.Message, StringComparison.Ordinal);
    }

    private static double Median(int[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
