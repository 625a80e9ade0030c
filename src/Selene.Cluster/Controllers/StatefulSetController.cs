using System.Globalization;
using k8s.Models;
using Selene.Cluster.Store;

namespace Selene.Cluster.Controllers;

/// <summary>
/// The StatefulSet controller's reconcile. Pods have stable identities <c>name-0</c> … <c>name-(N−1)</c>; a pod is
/// created for an identity only when no pod object of that name exists, so at most one pod per identity ever
/// runs: a pod on an unreachable node, even marked for deletion, keeps its identity until it is known gone (its
/// object deleted, as the node lifecycle does once the node is known dead or fenced). Finished pods are deleted
/// to be recreated. <c>OrderedReady</c> (the default) creates in ordinal order, each after the one before is
/// Running and Ready, and removes the highest ordinal first, one at a time; <c>Parallel</c> does all at once.
/// </summary>
public sealed class StatefulSetController(ClusterStore store)
{
    /// <summary>Moves one StatefulSet towards its desired pods; returns pods created and deleted.</summary>
    public (int Created, int Deleted) Reconcile(string ns, string name)
    {
        var set = store.Get<V1StatefulSet>(ns, name);
        if (set is null)
        {
            return (0, 0);
        }

        var ordered = set.Spec.PodManagementPolicy != "Parallel";
        var start = set.Spec.Ordinals?.Start ?? 0;
        var replicas = set.Spec.Replicas ?? 1;
        var owner = PodStates.ControllerReference("apps/v1", "StatefulSet", set.Metadata);
        var pods = store.List<V1Pod>(ns).Where(p => PodStates.IsControlledBy(p, set.Metadata.Uid))
            .ToDictionary(p => p.Metadata.Name, StringComparer.Ordinal);
        int created = 0, deleted = 0;

        for (var ordinal = start; ordinal < start + replicas; ordinal++)
        {
            var podName = Identity(name, ordinal);
            if (pods.TryGetValue(podName, out var pod))
            {
                if (pod.Status?.Phase is "Succeeded" or "Failed" && pod.Metadata.DeletionTimestamp is null)
                {
                    deleted += store.Delete<V1Pod>(ns, podName) is null ? 0 : 1;
                    if (ordered)
                    {
                        break;
                    }
                }
                else if (ordered && !PodStates.IsReady(pod))
                {
                    break; // The next identity waits for this one.
                }

                continue;
            }

            if (store.Get<V1Pod>(ns, podName) is not null)
            {
                continue; // A pod of that name exists but is not ours: never two pods with one identity.
            }

            var fresh = PodStates.FromTemplate(set.Spec.Template, ns, podName, owner);
            fresh.Metadata.Labels ??= new Dictionary<string, string>();
            fresh.Metadata.Labels["statefulset.kubernetes.io/pod-name"] = podName;
            fresh.Metadata.Labels["apps.kubernetes.io/pod-index"] = ordinal.ToString(CultureInfo.InvariantCulture);
            fresh.Spec.Hostname = podName;
            fresh.Spec.Subdomain = set.Spec.ServiceName;
            try
            {
                store.Create(fresh);
                created++;
            }
            catch (StoreConflictException)
            {
                break;
            }

            if (ordered)
            {
                break;
            }
        }

        var surplus = pods.Values.Where(p => Ordinal(name, p.Metadata.Name) is { } o && (o < start || o >= start + replicas) && p.Metadata.DeletionTimestamp is null)
            .OrderByDescending(p => Ordinal(name, p.Metadata.Name)).ToList();
        foreach (var pod in ordered ? surplus.Take(1) : surplus)
        {
            deleted += store.Delete<V1Pod>(ns, pod.Metadata.Name) is null ? 0 : 1;
        }

        return (created, deleted);
    }

    /// <summary>The pod name of an identity.</summary>
    public static string Identity(string set, int ordinal) => string.Create(CultureInfo.InvariantCulture, $"{set}-{ordinal}");

    private static int? Ordinal(string set, string pod) =>
        pod.StartsWith(set + "-", StringComparison.Ordinal) && int.TryParse(pod.AsSpan(set.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal) ? ordinal : null;
}
