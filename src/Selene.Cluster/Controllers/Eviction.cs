using System.Globalization;
using k8s.Models;
using Selene.Cluster.Scheduling.Plugins;
using Selene.Cluster.Store;

namespace Selene.Cluster.Controllers;

/// <summary>
/// The Eviction API: a pod is deleted only if every PodDisruptionBudget selecting it still holds afterwards —
/// healthy (ready) pods stay at or above <c>minAvailable</c> (a count or a percentage of the selected pods,
/// rounded up), or at most <c>maxUnavailable</c> are unhealthy — otherwise the eviction is refused with 429, as
/// the API server does. Evicting an unhealthy pod is always allowed under the default
/// <c>unhealthyPodEvictionPolicy: IfHealthyBudget</c> when the budget holds; disrupting a healthy one needs room.
/// </summary>
public sealed class Eviction(ClusterStore store)
{
    /// <summary>Evicts a pod.</summary>
    /// <exception cref="StoreConflictException">A budget would be violated (429).</exception>
    public void Evict(string ns, string name)
    {
        var pod = store.Get<V1Pod>(ns, name);
        if (pod is null)
        {
            return;
        }

        var labels = (IReadOnlyDictionary<string, string>?)pod.Metadata.Labels ?? new Dictionary<string, string>();
        foreach (var budget in store.List<V1PodDisruptionBudget>(ns).Where(b => Selectors.Matches(b.Spec?.Selector, labels)))
        {
            var selected = store.List<V1Pod>(ns).Where(p => PodStates.IsActive(p) && Selectors.Matches(budget.Spec.Selector, (IReadOnlyDictionary<string, string>?)p.Metadata.Labels ?? new Dictionary<string, string>())).ToList();
            var healthy = selected.Count(PodStates.IsReady);
            var required = budget.Spec.MinAvailable is { } min
                ? Amount(min, selected.Count, roundUp: true)
                : selected.Count - Amount(budget.Spec.MaxUnavailable!, selected.Count, roundUp: true);
            var after = healthy - (PodStates.IsReady(pod) ? 1 : 0);
            if (PodStates.IsReady(pod) && after < required)
            {
                throw new StoreConflictException(429, "TooManyRequests",
                    $"Cannot evict pod as it would violate the pod's disruption budget {budget.Metadata.Name}: {healthy} healthy, {required} required");
            }
        }

        store.Delete<V1Pod>(ns, name);
    }

    private static int Amount(IntOrString value, int total, bool roundUp)
    {
        var text = value.Value ?? "0";
        if (text.EndsWith('%'))
        {
            var percent = double.Parse(text[..^1], CultureInfo.InvariantCulture);
            var exact = total * percent / 100;
            return (int)(roundUp ? Math.Ceiling(exact) : Math.Floor(exact));
        }

        return int.Parse(text, CultureInfo.InvariantCulture);
    }
}
