using System.Globalization;
using k8s.Models;
using Selene.Cluster.Store;

namespace Selene.Cluster.Controllers;

/// <summary>
/// The ReplicaSet controller's reconcile: count the active pods the ReplicaSet controls; create the missing ones
/// in slow-start batches (stopping at the first refusal, such as a quota) or delete the surplus — unscheduled pods
/// first, then pending, then not ready, then the newest — and write the counts to its status.
/// </summary>
public sealed class ReplicaSetController(ClusterStore store)
{
    /// <summary>Brings one ReplicaSet's pods to its desired count; returns pods created and deleted.</summary>
    public (int Created, int Deleted) Reconcile(string ns, string name)
    {
        var set = store.Get<V1ReplicaSet>(ns, name);
        if (set is null)
        {
            return (0, 0);
        }

        var active = store.List<V1Pod>(ns).Where(p => PodStates.IsControlledBy(p, set.Metadata.Uid) && PodStates.IsActive(p)).ToList();
        var desired = set.Spec.Replicas ?? 1;
        var diff = desired - active.Count;
        int created = 0, deleted = 0;
        if (diff > 0)
        {
            var owner = PodStates.ControllerReference("apps/v1", "ReplicaSet", set.Metadata);
            var taken = store.List<V1Pod>(ns).Select(p => p.Metadata.Name).ToHashSet(StringComparer.Ordinal);
            var sequence = 0;
            created = SlowStart.Run(diff, _ =>
            {
                string podName;
                do
                {
                    podName = string.Create(CultureInfo.InvariantCulture, $"{name}-{Suffix(set.Metadata.Uid, sequence++)}");
                }
                while (!taken.Add(podName));

                try
                {
                    store.Create(PodStates.FromTemplate(set.Spec.Template, ns, podName, owner));
                    return true;
                }
                catch (StoreConflictException)
                {
                    return false;
                }
            });
        }
        else if (diff < 0)
        {
            foreach (var victim in active
                .OrderBy(p => string.IsNullOrEmpty(p.Spec.NodeName) ? 0 : 1)
                .ThenBy(p => p.Status?.Phase == "Pending" || p.Status?.Phase is null ? 0 : 1)
                .ThenBy(p => PodStates.IsReady(p) ? 1 : 0)
                .ThenByDescending(p => long.Parse(p.Metadata.ResourceVersion, CultureInfo.InvariantCulture))
                .Take(-diff))
            {
                deleted += store.Delete<V1Pod>(ns, victim.Metadata.Name) is null ? 0 : 1;
            }
        }

        var now = active.Count + created - deleted;
        if (set.Status?.Replicas != now)
        {
            set.Status ??= new V1ReplicaSetStatus();
            set.Status.Replicas = now;
            set.Status.ReadyReplicas = active.Count(PodStates.IsReady);
            store.Update(set);
        }

        return (created, deleted);
    }

    // Five lowercase letters and digits, derived from the owner and a sequence, so runs repeat.
    private static string Suffix(string? uid, int sequence)
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        var hash = (ulong)StableHash($"{uid}/{sequence}");
        var chars = new char[5];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[(int)(hash % (ulong)alphabet.Length)];
            hash /= (ulong)alphabet.Length;
        }

        return new string(chars);
    }

    private static long StableHash(string text)
    {
        // FNV-1a, 64-bit.
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return (long)(hash >> 1);
    }
}
