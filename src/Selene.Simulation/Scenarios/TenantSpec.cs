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
public sealed record TenantSpec(
    string Name,
    WorkloadClass Class,
    int Priority,
    double BudgetSeconds,
    ArrivalSpec Arrivals,
    double RequestBytes,
    double ReplyBytes,
    IReadOnlyDictionary<string, IContinuousDistribution> ServiceTimes,
    IReadOnlyList<V1Toleration> Tolerations);

/// <summary>
/// A Poisson arrival process whose rate follows a daily cycle:
/// λ(t) = mean × (1 + amplitude × cos(2π (hourUtc(t) − peakHourUtc) / 24)).
/// </summary>
/// <param name="MeanRatePerSecond">Rate averaged over a day.</param>
/// <param name="DailyAmplitude">0 for a constant rate, up to 1 for a rate that touches zero once a day.</param>
/// <param name="PeakHourUtc">UTC hour of the day at which the rate peaks.</param>
public sealed record ArrivalSpec(double MeanRatePerSecond, double DailyAmplitude, double PeakHourUtc);
