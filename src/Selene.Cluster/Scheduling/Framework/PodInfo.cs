using k8s.Models;
using Selene.Cluster.Resources;

namespace Selene.Cluster.Scheduling.Framework;

/// <summary>
/// A pod as the scheduler reads it, worked out once: effective requests indexed by resource, the non-zero
/// CPU and memory kube-scheduler scores with, priority, and the pod's constraints.
/// </summary>
public sealed class PodInfo
{
    /// <summary>CPU assumed for scoring a container that requests none (kube-scheduler's <c>DefaultMilliCPURequest</c>, 100m).</summary>
    public const long DefaultMilliCpu = 100;

    /// <summary>Memory assumed for scoring a container that requests none (<c>DefaultMemoryRequest</c>, 200 MiB), in thousandths of a byte.</summary>
    public const long DefaultMemoryMilli = 200L * 1024 * 1024 * 1000;

    /// <summary>Works out a pod.</summary>
    /// <param name="pod">The pod.</param>
    /// <param name="resources">The resource index table of the snapshot it will be scheduled against.</param>
    /// <param name="priority">The pod's priority, resolved from its priority class.</param>
    /// <param name="order">A sequence number: earlier pods sort first among equals.</param>
    public PodInfo(V1Pod pod, ResourceNames resources, int priority, long order)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(resources);
        Pod = pod;
        Name = pod.Metadata.Name;
        Namespace = pod.Metadata.NamespaceProperty ?? "default";
        Key = $"{Namespace}/{Name}";
        Priority = priority;
        Order = order;
        var requests = PodResources.Requests(pod);
        Requests = requests.Where(r => r.Value > 0).Select(r => (resources.IndexOf(r.Key), r.Value)).OrderBy(r => r.Item1).ToArray();
        NonZeroMilliCpu = NonZero(pod, "cpu", DefaultMilliCpu);
        NonZeroMemory = NonZero(pod, "memory", DefaultMemoryMilli);
        Labels = (IReadOnlyDictionary<string, string>?)pod.Metadata.Labels ?? new Dictionary<string, string>();
        TolerationArray = pod.Spec?.Tolerations?.ToArray() ?? [];
        SpreadConstraints = (IReadOnlyList<V1TopologySpreadConstraint>?)pod.Spec?.TopologySpreadConstraints ?? [];
        PreemptsOthers = pod.Spec?.PreemptionPolicy != "Never";
    }

    /// <summary>The pod object.</summary>
    public V1Pod Pod { get; }

    /// <summary><c>metadata.name</c>.</summary>
    public string Name { get; }

    /// <summary><c>metadata.namespace</c>, <c>default</c> when unset.</summary>
    public string Namespace { get; }

    /// <summary><c>namespace/name</c>.</summary>
    public string Key { get; }

    /// <summary>Priority from the pod's priority class (0 without one).</summary>
    public int Priority { get; }

    /// <summary>Arrival order, for ties.</summary>
    public long Order { get; }

    /// <summary>Effective requests (Kubernetes' <c>PodRequests</c>) by resource index, in thousandths; zero amounts left out.</summary>
    public (int Resource, long Amount)[] Requests { get; }

    /// <summary>Requested CPU for scoring: the request, or 100m for each container that has none.</summary>
    public long NonZeroMilliCpu { get; }

    /// <summary>Requested memory for scoring: the request, or 200 MiB for each container that has none.</summary>
    public long NonZeroMemory { get; }

    /// <summary>The pod's labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>The pod's tolerations.</summary>
    public IReadOnlyList<V1Toleration> Tolerations => TolerationArray;

    /// <summary>The tolerations as an array, for loops that must not allocate an enumerator.</summary>
    internal V1Toleration[] TolerationArray { get; }

    /// <summary>The pod's nodeSelector and required node affinity, compiled once by <see cref="Plugins.Selectors"/>.</summary>
    internal object? CompiledNodeSelector { get; set; }

    /// <summary>The pod's topology spread constraints.</summary>
    public IReadOnlyList<V1TopologySpreadConstraint> SpreadConstraints { get; }

    /// <summary>False when the pod's <c>preemptionPolicy</c> is <c>Never</c>.</summary>
    public bool PreemptsOthers { get; }

    /// <summary><c>spec.nodeSelector</c>.</summary>
    public IDictionary<string, string>? NodeSelector => Pod.Spec?.NodeSelector;

    /// <summary><c>spec.affinity.nodeAffinity</c>.</summary>
    public V1NodeAffinity? NodeAffinity => Pod.Spec?.Affinity?.NodeAffinity;

    /// <summary><c>spec.affinity.podAffinity</c>.</summary>
    public V1PodAffinity? PodAffinity => Pod.Spec?.Affinity?.PodAffinity;

    /// <summary><c>spec.affinity.podAntiAffinity</c>.</summary>
    public V1PodAntiAffinity? PodAntiAffinity => Pod.Spec?.Affinity?.PodAntiAffinity;

    /// <summary>True when the pod has any pod affinity or anti-affinity term.</summary>
    public bool HasPodAffinityTerms => PodAffinity is not null || PodAntiAffinity is not null;

    /// <summary>True when the pod has a required anti-affinity term.</summary>
    public bool HasRequiredAntiAffinity => PodAntiAffinity?.RequiredDuringSchedulingIgnoredDuringExecution is { Count: > 0 };

    /// <summary>The pod's affinity terms, compiled once by the InterPodAffinity plugin.</summary>
    internal object? CompiledAffinity { get; set; }

    /// <summary>Numbers read from annotations, parsed once (the space plugins' budgets and limits).</summary>
    internal Dictionary<string, double?>? AnnotationNumbers { get; set; }

    /// <summary>An annotation's value, or null.</summary>
    public string? Annotation(string key) =>
        Pod.Metadata.Annotations is { } annotations && annotations.TryGetValue(key, out var value) ? value : null;

    /// <summary>The amount requested of one resource index, 0 when none.</summary>
    public long Request(int resource)
    {
        foreach (var (index, amount) in Requests)
        {
            if (index == resource)
            {
                return amount;
            }
        }

        return 0;
    }

    /// <inheritdoc />
    public override string ToString() => Key;

    private static long NonZero(V1Pod pod, string resource, long fallback)
    {
        long total = 0;
        foreach (var container in pod.Spec?.Containers ?? [])
        {
            total += container.Resources?.Requests is { } requests && requests.TryGetValue(resource, out var quantity)
                ? Quantities.ToMilli(quantity)
                : fallback;
        }

        foreach (var container in pod.Spec?.InitContainers ?? [])
        {
            var request = container.Resources?.Requests is { } requests && requests.TryGetValue(resource, out var quantity)
                ? Quantities.ToMilli(quantity)
                : fallback;
            total = Math.Max(total, request);
        }

        return total + (pod.Spec?.Overhead is { } overhead && overhead.TryGetValue(resource, out var extra) ? Quantities.ToMilli(extra) : 0);
    }
}
