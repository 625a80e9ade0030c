namespace Selene.Simulation.Scenarios;

/// <summary>The metric a tenant's autoscaler holds at its target, per ready replica.</summary>
public enum AutoscaleMetric
{
    /// <summary>Requests waiting in the replica's engine (<c>vllm:num_requests_waiting</c>).</summary>
    Queue,

    /// <summary>KV-cache use, 0…1 (<c>vllm:kv_cache_usage_perc</c>).</summary>
    KvCache,

    /// <summary>Requests running in the replica's batch (<c>vllm:num_requests_running</c>).</summary>
    Running,
}

/// <summary>How the gateway treats a tenant's requests when its pool is saturated (InferenceObjective's criticality).</summary>
public enum Criticality
{
    /// <summary>Queued at the gateway until a replica can take it.</summary>
    Standard,

    /// <summary>Refused while every replica is saturated, counted with the reason.</summary>
    Sheddable,
}

/// <summary>The Kubernetes workload that runs a tenant's replicas.</summary>
public enum WorkloadKind
{
    /// <summary>Interchangeable replicas.</summary>
    Deployment,

    /// <summary>Replicas with stable identities, never two pods for one.</summary>
    StatefulSet,
}

/// <summary>
/// How many replicas a serving tenant runs and how they follow the load: the HPA's bounds, the metric it holds at a
/// target per replica, and KEDA's scale to zero for <see cref="Min"/> 0 (one replica as soon as a request waits, none
/// after <see cref="CooldownSeconds"/> without work).
/// </summary>
/// <param name="Min">Fewest replicas (0 lets the tenant scale to zero).</param>
/// <param name="Max">Most replicas.</param>
/// <param name="Initial">Replicas at the start.</param>
/// <param name="Metric">What the autoscaler measures.</param>
/// <param name="Target">The metric's target value per ready replica; NaN when the tenant does not autoscale (min = max).</param>
/// <param name="CooldownSeconds">KEDA's cooldown before scaling to zero (300 s by default).</param>
public sealed record ReplicaSpec(int Min, int Max, int Initial, AutoscaleMetric Metric, double Target, double CooldownSeconds = 300)
{
    /// <summary>Whether the count follows the load.</summary>
    public bool Autoscales => Max > Min && double.IsFinite(Target);
}
