using System.Globalization;
using Selene.Cluster.Scheduling.Framework;

namespace Selene.Cluster.Scheduling.Space;

/// <summary>The pod annotations the space plugins read, and how a pod's power draw is worked out.</summary>
public static class SpaceAnnotations
{
    /// <summary>Round-trip latency budget in milliseconds: request out to the node and reply back.</summary>
    public const string LatencyBudgetMs = "selene.io/latency-budget-ms";

    /// <summary>The pod's whole power draw in watts, overriding GPUs × the node's watts per GPU.</summary>
    public const string PowerWatts = "selene.io/power-watts";

    /// <summary>The highest single-event upset rate per GPU-day the pod accepts.</summary>
    public const string MaxUpsetsPerGpuDay = "selene.io/max-upsets-per-gpu-day";

    /// <summary>A number from a pod annotation, or null when absent or not a number.</summary>
    public static double? Number(PodInfo pod, string key)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var cache = pod.AnnotationNumbers ??= new Dictionary<string, double?>(StringComparer.Ordinal);
        if (!cache.TryGetValue(key, out var number))
        {
            number = double.TryParse(pod.Annotation(key), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
            cache[key] = number;
        }

        return number;
    }

    /// <summary>The pod's power draw on a node: its annotation, else whole GPUs requested × the node's watts per GPU.</summary>
    public static double Watts(PodInfo pod, int gpuResource, NodeConditions conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        return Number(pod, PowerWatts) ?? (pod.Request(gpuResource) / 1000.0 * (conditions.GpuWatts ?? 0));
    }
}
