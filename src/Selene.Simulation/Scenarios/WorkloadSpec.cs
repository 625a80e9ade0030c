using k8s.Models;

namespace Selene.Simulation.Scenarios;

/// <summary>How a workload's pods are managed.</summary>
public enum WorkloadKind
{
    /// <summary>Interchangeable replicas (Deployment → ReplicaSet).</summary>
    Deployment,

    /// <summary>Replicas with stable identities, at most one pod per identity (StatefulSet).</summary>
    StatefulSet,
}

/// <summary>
/// A long-running workload the control plane keeps at its replica count: its pods are scheduled onto the
/// scenario's nodes and, after a fault takes a node away, redeployed by the controllers.
/// </summary>
/// <param name="Name">Workload name, unique in the scenario.</param>
/// <param name="Kind">Deployment or StatefulSet.</param>
/// <param name="Namespace">Its namespace (a tenant's name, usually).</param>
/// <param name="Replicas">Desired pods.</param>
/// <param name="Gpus">GPUs each pod requests.</param>
/// <param name="Tolerations">Kubernetes tolerations of its pods.</param>
public sealed record WorkloadSpec(string Name, WorkloadKind Kind, string Namespace, int Replicas, int Gpus, IReadOnlyList<V1Toleration> Tolerations)
{
    /// <summary>Node labels its pods require (<c>spec.nodeSelector</c>); empty for any node.</summary>
    public IReadOnlyDictionary<string, string> NodeSelector { get; init; } = new Dictionary<string, string>();
}
