using k8s;
using k8s.Models;
using Selene.Cluster.Resources;

namespace Selene.Cluster.Store;

/// <summary>
/// The ResourceQuota admission controller: a pod is refused (403, <c>exceeded quota</c>) when creating it would
/// take its namespace past a quota's <c>spec.hard</c> for <c>pods</c>, <c>requests.*</c> (or the bare <c>cpu</c>,
/// <c>memory</c>) or <c>limits.*</c>. Usage is kept as pods come and go; finished pods do not count.
/// </summary>
internal sealed class ResourceQuotaAdmission(ClusterStore store)
{
    private readonly Dictionary<string, Dictionary<string, long>> _used = new(StringComparer.Ordinal);

    /// <summary>Usage per quota key in a namespace, in thousandths.</summary>
    public IReadOnlyDictionary<string, long> Used(string ns) =>
        _used.TryGetValue(ns, out var used) ? used : new Dictionary<string, long>();

    public void Admit(V1Pod pod)
    {
        var ns = pod.Metadata.NamespaceProperty ?? "default";
        var charges = Charges(pod);
        var used = Used(ns);
        foreach (var quota in store.ListUnlocked<V1ResourceQuota>(ns))
        {
            foreach (var (key, hard) in quota.Spec?.Hard ?? new Dictionary<string, ResourceQuantity>())
            {
                if (!charges.TryGetValue(Canonical(key), out var charge) || charge == 0)
                {
                    continue;
                }

                var limit = Quantities.ToMilli(hard);
                var already = used.GetValueOrDefault(Canonical(key));
                if (already + charge > limit)
                {
                    throw new StoreConflictException(403, "Forbidden",
                        $"pods \"{pod.Metadata.Name}\" is forbidden: exceeded quota: {quota.Metadata.Name}, requested: {key}={Quantities.Format(charge)}, used: {key}={Quantities.Format(already)}, limited: {key}={Quantities.Format(limit)}");
                }
            }
        }
    }

    public void Observe(WatchEventType change, V1Pod pod)
    {
        var sign = change switch
        {
            WatchEventType.Added => 1,
            WatchEventType.Deleted when !IsFinished(pod) => -1,
            WatchEventType.Modified when IsFinished(pod) && !_finished.Contains(pod.Metadata.Uid) => -1,
            _ => 0,
        };
        if (change == WatchEventType.Modified && sign < 0)
        {
            _finished.Add(pod.Metadata.Uid);
        }

        if (sign == 0)
        {
            return;
        }

        var ns = pod.Metadata.NamespaceProperty ?? "default";
        if (!_used.TryGetValue(ns, out var used))
        {
            used = new Dictionary<string, long>(StringComparer.Ordinal);
            _used.Add(ns, used);
        }

        foreach (var (key, charge) in Charges(pod))
        {
            used[key] = used.GetValueOrDefault(key) + (sign * charge);
        }
    }

    private readonly HashSet<string> _finished = new(StringComparer.Ordinal);

    private static bool IsFinished(V1Pod pod) => pod.Status?.Phase is "Succeeded" or "Failed";

    private static Dictionary<string, long> Charges(V1Pod pod)
    {
        var charges = new Dictionary<string, long>(StringComparer.Ordinal) { ["pods"] = 1000 };
        foreach (var (name, amount) in PodResources.Requests(pod))
        {
            charges["requests." + name] = amount;
        }

        foreach (var (name, amount) in PodResources.Limits(pod))
        {
            charges["limits." + name] = amount;
        }

        return charges;
    }

    // The bare names cpu, memory and ephemeral-storage in spec.hard mean their requests.
    private static string Canonical(string key) => key is "cpu" or "memory" or "ephemeral-storage" ? "requests." + key : key;
}
