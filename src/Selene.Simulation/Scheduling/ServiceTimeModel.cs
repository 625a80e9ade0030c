using Selene.Cluster.Scheduling.Framework;

namespace Selene.Simulation.Scheduling;

/// <summary>
/// The twin's own filter: a tenant's pod runs only on nodes whose GPU type its scenario gives a service-time
/// model for (the pod lists them in <c>selene.io/gpu-types</c>).
/// </summary>
internal sealed class ServiceTimeModel(IReadOnlyDictionary<string, string> gpuTypeByNode) : IFilterPlugin
{
    /// <summary>The pod annotation listing the GPU types, comma-separated.</summary>
    public const string GpuTypesAnnotation = "selene.io/gpu-types";

    /// <inheritdoc />
    public string Name => nameof(ServiceTimeModel);

    /// <inheritdoc />
    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        var type = gpuTypeByNode.GetValueOrDefault(node.Name);
        var types = pod.Annotation(GpuTypesAnnotation) ?? "";
        return type is not null && types.Split(',').Contains(type)
            ? Status.Success
            : Status.Unresolvable($"workload has no service-time model for GPU type {type}");
    }
}
