using k8s.Models;
using Selene.Core.Errors;

namespace Selene.Cluster.Manifests;

/// <summary>
/// Everything read from a set of manifest files: the objects that were valid, and a diagnostic for each
/// one that was not. A bad document is left out; the documents around it still load.
/// </summary>
public sealed class ManifestSet
{
    /// <summary>Nodes, with capacity normalised into <c>status.capacity</c> and <c>status.allocatable</c>.</summary>
    public List<ClusterNode> Nodes { get; } = [];

    /// <summary>Pods, bound (with <c>spec.nodeName</c>) or pending.</summary>
    public List<Manifest<V1Pod>> Pods { get; } = [];

    /// <summary>Namespaces.</summary>
    public List<Manifest<V1Namespace>> Namespaces { get; } = [];

    /// <summary>Priority classes.</summary>
    public List<Manifest<V1PriorityClass>> PriorityClasses { get; } = [];

    /// <summary>Resource quotas.</summary>
    public List<Manifest<V1ResourceQuota>> ResourceQuotas { get; } = [];

    /// <summary>Documents of kind <c>KubeSchedulerConfiguration</c>, read by the scheduler's configuration reader.</summary>
    public List<ManifestDocument> SchedulerConfigurations { get; } = [];

    /// <summary>Errors and warnings, in file order.</summary>
    public List<InputDiagnostic> Diagnostics { get; } = [];

    /// <summary>True when any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Exists(d => d.Severity == DiagnosticSeverity.Error);
}
