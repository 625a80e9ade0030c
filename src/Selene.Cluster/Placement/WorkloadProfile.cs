using k8s.Models;

namespace Selene.Cluster.Placement;

/// <summary>What placement needs to know about a workload: what it tolerates, how long it may take, and where it can run.</summary>
/// <param name="Name">The workload (tenant) name.</param>
/// <param name="Tolerations">Kubernetes tolerations of the workload's pods.</param>
/// <param name="BudgetSeconds">End-to-end latency budget: arrival to reply received.</param>
/// <param name="GpuTypes">GPU types the workload has a service-time model for; it cannot run elsewhere.</param>
public sealed record WorkloadProfile(
    string Name, IReadOnlyList<V1Toleration> Tolerations, double BudgetSeconds, IReadOnlySet<string> GpuTypes);
