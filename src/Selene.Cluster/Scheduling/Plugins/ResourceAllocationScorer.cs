using Selene.Cluster.Resources;
using Selene.Cluster.Scheduling.Framework;

namespace Selene.Cluster.Scheduling.Plugins;

/// <summary>
/// kube-scheduler's <c>resourceAllocationScorer</c>, shared by NodeResourcesFit and NodeResourcesBalancedAllocation:
/// for each scored resource, the node's allocatable amount and what would be requested with the pod on it —
/// with the non-zero defaults for CPU and memory unless <c>useRequested</c> — and an extended resource the pod
/// does not request left out.
/// </summary>
internal sealed class ResourceAllocationScorer
{
    private readonly int[] _indices;
    private readonly bool[] _scalar;

    public ResourceAllocationScorer(IReadOnlyList<ResourceWeight> resources, ResourceNames names, bool useRequested)
    {
        Weights = resources.Select(r => r.Weight).ToArray();
        _indices = resources.Select(r => names.IndexOf(r.Name)).ToArray();
        _scalar = resources.Select(r => r.Name.Contains('/', StringComparison.Ordinal) || (r.Name is not ("cpu" or "memory" or "ephemeral-storage"))).ToArray();
        UseRequested = useRequested;
    }

    public long[] Weights { get; }

    public bool UseRequested { get; }

    public int Count => _indices.Length;

    /// <summary>Fills allocatable and requested-with-the-pod per scored resource.</summary>
    public void Fill(PodInfo pod, NodeInfo node, Span<long> requested, Span<long> allocatable)
    {
        for (var i = 0; i < _indices.Length; i++)
        {
            var index = _indices[i];
            var podRequest = PodRequest(pod, index);
            if (podRequest == 0 && _scalar[i])
            {
                requested[i] = 0;
                allocatable[i] = 0;
                continue;
            }

            allocatable[i] = node.Allocatable(index);
            requested[i] = podRequest + index switch
            {
                ResourceNames.Cpu when !UseRequested => node.NonZeroRequestedMilliCpu,
                ResourceNames.Memory when !UseRequested => node.NonZeroRequestedMemory,
                _ => node.Requested(index),
            };
        }
    }

    /// <summary>True when the pod requests none of the scored resources (a best-effort pod).</summary>
    public bool RequestsNothing(PodInfo pod)
    {
        foreach (var index in _indices)
        {
            if (PodRequest(pod, index) != 0)
            {
                return false;
            }
        }

        return true;
    }

    private long PodRequest(PodInfo pod, int index) => index switch
    {
        ResourceNames.Cpu when !UseRequested => pod.NonZeroMilliCpu,
        ResourceNames.Memory when !UseRequested => pod.NonZeroMemory,
        _ => pod.Request(index),
    };
}
