using Selene.Serving.Traces;
using Selene.Simulation.Randomness;

namespace Selene.Simulation.Scenarios;

/// <summary>Where a request's prompt and output token counts come from, when its arrivals are a process rather than a trace.</summary>
public interface ITokenSource
{
    /// <summary>Draws one request's (prompt, output) tokens.</summary>
    (int Prompt, int Output) Draw(RandomSource stream);
}

/// <summary>Token counts drawn as whole rows of a trace, so a prompt keeps the output it came with.</summary>
/// <param name="Trace">The trace whose rows are drawn.</param>
public sealed record TraceTokens(LlmTrace Trace) : ITokenSource
{
    /// <inheritdoc />
    public (int Prompt, int Output) Draw(RandomSource stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var row = stream.NextInt(Trace.Count);
        return (Trace.Prompts[row], Trace.Outputs[row]);
    }
}

/// <summary>Whole requests with no tokens to speak of (an image to generate): one in, one out.</summary>
public sealed record WholeRequests : ITokenSource
{
    /// <summary>The one instance.</summary>
    public static WholeRequests Instance { get; } = new();

    /// <inheritdoc />
    public (int Prompt, int Output) Draw(RandomSource stream) => (1, 1);
}

/// <summary>Token counts from two distributions (values are token counts, rounded, at least one).</summary>
/// <param name="Prompt">Prompt tokens.</param>
/// <param name="Output">Output tokens.</param>
public sealed record DistributionTokens(IContinuousDistribution Prompt, IContinuousDistribution Output) : ITokenSource
{
    /// <inheritdoc />
    public (int Prompt, int Output) Draw(RandomSource stream) => (DrawOne(Prompt, stream), DrawOne(Output, stream));


    private static int DrawOne(IContinuousDistribution distribution, RandomSource stream) =>
        (int)Math.Clamp(Math.Round(distribution.Sample(stream)), 1, 1_000_000);
}

/// <summary>Arrivals replayed from a trace: its own timing, compressed by <paramref name="RateScale"/>, shifted by <paramref name="OffsetSeconds"/>.</summary>
/// <param name="Trace">The trace.</param>
/// <param name="RateScale">Rate multiplier: 2 replays the trace in half its time.</param>
/// <param name="Loop">Whether the trace starts again when it ends.</param>
/// <param name="OffsetSeconds">Simulated time of the trace's first request.</param>
public sealed record TraceArrivalSpec(LlmTrace Trace, double RateScale, bool Loop, double OffsetSeconds);
