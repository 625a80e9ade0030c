namespace Selene.Serving.Traces;

/// <summary>
/// An LLM request trace: each request's arrival (seconds after the first), prompt tokens and output tokens, in
/// arrival order.
/// </summary>
/// <param name="Name">The trace's name (a built-in name or the file as given).</param>
/// <param name="Offsets">Arrival of each request, seconds after the first (non-decreasing).</param>
/// <param name="Prompts">Prompt (context) tokens of each request.</param>
/// <param name="Outputs">Output (generated) tokens of each request.</param>
public sealed record LlmTrace(string Name, double[] Offsets, int[] Prompts, int[] Outputs)
{
    /// <summary>Requests in the trace.</summary>
    public int Count => Offsets.Length;

    /// <summary>
    /// Seconds the trace covers when it loops: from the first arrival to the last, plus one mean interval, so that
    /// the loop's seam looks like any other gap.
    /// </summary>
    public double LoopSeconds => Count < 2 ? 1 : Offsets[^1] * Count / (Count - 1);

    /// <summary>Mean arrival rate, requests per second.</summary>
    public double MeanRatePerSecond => Count / LoopSeconds;
}
