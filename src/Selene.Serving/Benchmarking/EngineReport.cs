namespace Selene.Serving.Benchmarking;

/// <summary>What <c>selene engine</c> measures on one replica, with the names its JSON uses.</summary>
/// <param name="Model">Model served.</param>
/// <param name="Gpu">GPU type.</param>
/// <param name="TensorParallel">GPUs per replica.</param>
/// <param name="Dtype">bf16 or fp8.</param>
/// <param name="EngineProfile">Engine profile whose efficiencies applied.</param>
/// <param name="Mode">batch (one static batch) or concurrency (closed loop, steady state).</param>
/// <param name="Clients">Requests in the batch, or clients in the loop.</param>
/// <param name="PromptTokens">Prompt tokens per request.</param>
/// <param name="OutputTokens">Output tokens per request.</param>
/// <param name="TtftSeconds">Mean time to first token.</param>
/// <param name="InterTokenSeconds">Mean time per output token after the first.</param>
/// <param name="E2eSeconds">Mean end-to-end time.</param>
/// <param name="OutputTokensPerSecond">Output tokens per second of the replica.</param>
/// <param name="RequestsPerSecond">Requests per second of the replica.</param>
/// <param name="KvCapacitySequences">Requests of this length the KV cache holds at once.</param>
/// <param name="KvCacheTokens">Tokens of KV cache.</param>
/// <param name="MaxNumBatchedTokens">Engine setting used.</param>
/// <param name="MaxNumSeqs">Engine setting used.</param>
/// <param name="PrefillBound">Roofline that holds a prefill: compute or memory.</param>
/// <param name="DecodeBound">Roofline that holds a decode step at this batch.</param>
/// <param name="Preemptions">Preemptions during the run.</param>
public sealed record EngineReport(
    string Model,
    string Gpu,
    int TensorParallel,
    string Dtype,
    string EngineProfile,
    string Mode,
    int Clients,
    int PromptTokens,
    int OutputTokens,
    double TtftSeconds,
    double InterTokenSeconds,
    double E2eSeconds,
    double OutputTokensPerSecond,
    double RequestsPerSecond,
    int KvCapacitySequences,
    long KvCacheTokens,
    int MaxNumBatchedTokens,
    int MaxNumSeqs,
    string PrefillBound,
    string DecodeBound,
    long Preemptions)
{
    /// <summary>With a trace and objectives: the highest rate one replica sustains within them, and how it was found.</summary>
    public CapacityResult? Capacity { get; init; }
}

/// <summary>The highest request rate one replica sustains within its objectives, found by running the engine on a trace.</summary>
/// <param name="Trace">Trace replayed.</param>
/// <param name="TtftSeconds">Objective on time to first token.</param>
/// <param name="TpotSeconds">Objective on time per output token.</param>
/// <param name="Goodput">Share of requests that must meet both.</param>
/// <param name="MaxRatePerSecond">Highest rate (requests per second) at which the goodput held.</param>
/// <param name="RateScale">That rate as a multiple of the trace's own.</param>
/// <param name="GoodputAtMax">Goodput measured at that rate.</param>
/// <param name="Runs">Engine runs the search took.</param>
public sealed record CapacityResult(string Trace, double TtftSeconds, double TpotSeconds, double Goodput, double MaxRatePerSecond, double RateScale, double GoodputAtMax, int Runs);
