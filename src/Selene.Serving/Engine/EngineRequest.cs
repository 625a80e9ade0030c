namespace Selene.Serving.Engine;

/// <summary>
/// One request to an engine: its prompt and output lengths, and what happened to it. The engine fills in the
/// times; <see cref="Tag"/> is the caller's.
/// </summary>
public sealed class EngineRequest
{
    /// <summary>Creates a request of <paramref name="promptTokens"/> in and <paramref name="outputTokens"/> out (at least one).</summary>
    public EngineRequest(int promptTokens, int outputTokens, double arrivalTime = 0, object? tag = null)
    {
        Reset(promptTokens, outputTokens, arrivalTime, tag);
    }

    /// <summary>Prompt (context) tokens.</summary>
    public int PromptTokens { get; private set; }

    /// <summary>Output tokens it generates before it ends.</summary>
    public int OutputTokens { get; private set; }

    /// <summary>When it reached the engine.</summary>
    public double ArrivalTime { get; set; }

    /// <summary>When the engine first took it into a step or batch (its wait in the queue ended); NaN before.</summary>
    public double StartTime { get; internal set; }

    /// <summary>End of the step that produced its first output token; NaN before.</summary>
    public double FirstTokenTime { get; internal set; }

    /// <summary>End of the step that produced its last output token; NaN before.</summary>
    public double FinishTime { get; internal set; }

    /// <summary>Times it was preempted and its KV cache recomputed.</summary>
    public int Preemptions { get; internal set; }

    /// <summary>Output tokens generated so far.</summary>
    public int GeneratedTokens { get; internal set; }

    /// <summary>Tokens whose KV is in the cache.</summary>
    public int ComputedTokens { get; internal set; }

    /// <summary>KV-cache blocks it holds.</summary>
    internal int Blocks { get; set; }

    /// <summary>Whatever the caller attached.</summary>
    public object? Tag { get; set; }

    /// <summary>Tokens known so far: the prompt and the output up to now (what a recompute must redo).</summary>
    public int KnownTokens => PromptTokens + GeneratedTokens;

    /// <summary>Time per output token after the first: (finish − first) / (output − 1); 0 for one token.</summary>
    public double TimePerOutputToken => OutputTokens <= 1 ? 0 : (FinishTime - FirstTokenTime) / (OutputTokens - 1);

    /// <summary>Makes the object a fresh request (pooled callers reuse them).</summary>
    public void Reset(int promptTokens, int outputTokens, double arrivalTime, object? tag)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(promptTokens, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputTokens, 1);
        PromptTokens = promptTokens;
        OutputTokens = outputTokens;
        ArrivalTime = arrivalTime;
        Tag = tag;
        StartTime = double.NaN;
        FirstTokenTime = double.NaN;
        FinishTime = double.NaN;
        Preemptions = 0;
        GeneratedTokens = 0;
        ComputedTokens = 0;
        Blocks = 0;
    }
}
