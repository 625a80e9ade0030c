using k8s.Models;

namespace Selene.Cluster.Resources;

/// <summary>
/// A pod's effective requests and limits as Kubernetes computes them (<c>resourcehelper.PodRequests</c>): the
/// larger of the sum over its containers and the largest init container, plus the pod overhead; in thousandths.
/// </summary>
public static class PodResources
{
    /// <summary>Effective requests per resource name.</summary>
    public static Dictionary<string, long> Requests(V1Pod pod) => Effective(pod, c => c.Resources?.Requests);

    /// <summary>Effective limits per resource name.</summary>
    public static Dictionary<string, long> Limits(V1Pod pod) => Effective(pod, c => c.Resources?.Limits);

    private static Dictionary<string, long> Effective(V1Pod pod, Func<V1Container, IDictionary<string, ResourceQuantity>?> select)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var total = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var container in pod.Spec?.Containers ?? [])
        {
            foreach (var (name, quantity) in select(container) ?? new Dictionary<string, ResourceQuantity>())
            {
                total[name] = total.GetValueOrDefault(name) + Quantities.ToMilli(quantity);
            }
        }

        foreach (var container in pod.Spec?.InitContainers ?? [])
        {
            foreach (var (name, quantity) in select(container) ?? new Dictionary<string, ResourceQuantity>())
            {
                total[name] = Math.Max(total.GetValueOrDefault(name), Quantities.ToMilli(quantity));
            }
        }

        foreach (var (name, quantity) in pod.Spec?.Overhead ?? new Dictionary<string, ResourceQuantity>())
        {
            total[name] = total.GetValueOrDefault(name) + Quantities.ToMilli(quantity);
        }

        return total;
    }
}
