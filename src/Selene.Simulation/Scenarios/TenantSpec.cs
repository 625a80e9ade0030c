using k8s.Models;
using Selene.Simulation.Randomness;

namespace Selene.Simulation.Scenarios;

/// <summary>How a workload is served.</summary>
public enum WorkloadClass
{
    /// <summary>A person is waiting for the reply; served before batch work at a node.</summary>
    Interactive,

    /// <summary>Nobody is waiting; throughput matters more than latency.</summary>
    Batch,
}

/// <summary>One product line sharing the platform, with its workload.</summary>
/// <param name="Name">Tenant name, unique in the scenario.</param>
/// <param name="Class">Interactive or batch.</param>
/// <param name="Priority">Higher is served first at a node; within a priority, first come first served.</param>
/// <param name="BudgetSeconds">End-to-end latency budget: arrival to reply received.</param>
/// <param name="Arrivals">How requests arrive.</param>
/// <param name="RequestBytes">Size of a request on the wire.</param>
/// <param name="ReplyBytes">Size of a reply on the wire.</param>
/// <param name="ServiceTimes">Service-time distribution per GPU type name; the workload runs only on these types.</param>
/// <param name="Tolerations">Kubernetes tolerations of the workload's pods.</param>
/// <param name="Model">The ONNX model the workload serves split across the link, or null.</param>
/// <param name="PrefixSeconds">Work before a request leaves for a remote node (a split's prefix on Earth).</param>
/// <param name="LocalServiceTimes">Service-time distribution per GPU type at a node with no link, when it differs (a split model runs whole there).</param>
/// <param name="Serving">How its replicas run: a model and engine that serve its tokens, or whole requests for its service times (null: one fixed replica on one GPU).</param>
/// <param name="Slo">The tenant's latency objectives (at least its budget as the end-to-end one).</param>
/// <param name="Tokens">Where token counts come from for arrivals that are a process (null with a trace or without serving).</param>
public sealed record TenantSpec(
    string Name,
    WorkloadClass Class,
    int Priority,
    double BudgetSeconds,
    ArrivalSpec Arrivals,
    double RequestBytes,
    double ReplyBytes,
    IReadOnlyDictionary<string, IContinuousDistribution> ServiceTimes,
    IReadOnlyList<V1Toleration> Tolerations,
    SplitModelSpec? Model = null,
    double PrefixSeconds = 0,
    IReadOnlyDictionary<string, IContinuousDistribution>? LocalServiceTimes = null,
    ServingSpec? Serving = null,
    SloSpec? Slo = null,
    ITokenSource? Tokens = null)
{
    /// <summary>The objectives a served request is held to: <see cref="Slo"/>, or the budget as the end-to-end one.</summary>
    public SloSpec Objectives => Slo ?? SloSpec.EndToEnd(BudgetSeconds);

    /// <summary>
    /// The longest round trip a replica may be away and still serve the tenant: its TTFT objective, or its end-to-end
    /// one where that is shorter (a whole request's first answer is its reply); +∞ for work held to neither.
    /// </summary>
    public double RoundTripBoundSeconds => Math.Min(Objectives.TtftSeconds, Objectives.E2eSeconds);
}

/// <summary>
/// A workload that serves an ONNX model split across the link: the simulation plans the split for the scenario's
/// link and the GPU types, and takes the request and reply sizes, the Earth-side prefix and the service times from
/// the plan's cost terms.
/// </summary>
/// <param name="Model">Path of the model file, or a built-in name (resnet18).</param>
/// <param name="PrefixDevice">Device on the requester's side (a roofline class: l40s, a100, h100, h200, orin).</param>
/// <param name="Codecs">Codecs the cut tensors may use.</param>
public sealed record SplitModelSpec(string Model, string PrefixDevice, IReadOnlyList<Selene.Inference.Runtime.TensorCodec> Codecs);

/// <summary>
/// A Poisson arrival process whose rate follows a daily cycle:
/// λ(t) = mean × (1 + amplitude × cos(2π (hourUtc(t) − peakHourUtc) / 24)).
/// </summary>
/// <param name="MeanRatePerSecond">Rate averaged over a day.</param>
/// <param name="DailyAmplitude">0 for a constant rate, up to 1 for a rate that touches zero once a day.</param>
/// <param name="PeakHourUtc">UTC hour of the day at which the rate peaks.</param>
/// <param name="Trace">A trace replayed instead of the process, or null.</param>
public sealed record ArrivalSpec(double MeanRatePerSecond, double DailyAmplitude, double PeakHourUtc, TraceArrivalSpec? Trace = null)
{
    /// <summary>Whiles when arrivals come faster (empty for none).</summary>
    public IReadOnlyList<ArrivalSurge> Surges { get; init; } = [];
}
