using System.Security.Cryptography;
using System.Text;
using k8s;
using k8s.Models;
using Selene.Cluster.Store;

namespace Selene.Cluster.Controllers;

/// <summary>
/// The Deployment controller's reconcile: one ReplicaSet per pod template, named after the template's hash
/// (<c>pod-template-hash</c>), holding the Deployment's replicas; ReplicaSets of older templates are scaled to
/// zero. (A rollout replaces the old pods with the new as the Recreate strategy does; RollingUpdate's surge and
/// unavailability limits are not modelled.)
/// </summary>
public sealed class DeploymentController(ClusterStore store)
{
    /// <summary>Brings one Deployment's ReplicaSets in line; returns the name of the current one.</summary>
    public string? Reconcile(string ns, string name)
    {
        var deployment = store.Get<V1Deployment>(ns, name);
        if (deployment is null)
        {
            return null;
        }

        var hash = TemplateHash(deployment.Spec.Template);
        var current = $"{name}-{hash}";
        var owned = store.List<V1ReplicaSet>(ns).Where(r => r.Metadata.OwnerReferences?.Any(o => o.Controller == true && o.Uid == deployment.Metadata.Uid) == true).ToList();
        var replicas = deployment.Spec.Replicas ?? 1;
        if (owned.Find(r => r.Metadata.Name == current) is { } set)
        {
            if (set.Spec.Replicas != replicas)
            {
                set.Spec.Replicas = replicas;
                store.Update(set);
            }
        }
        else
        {
            var template = KubernetesJson.Deserialize<V1PodTemplateSpec>(KubernetesJson.Serialize(deployment.Spec.Template));
            template.Metadata ??= new V1ObjectMeta();
            template.Metadata.Labels ??= new Dictionary<string, string>();
            template.Metadata.Labels["pod-template-hash"] = hash;
            store.Create(new V1ReplicaSet
            {
                ApiVersion = "apps/v1",
                Kind = "ReplicaSet",
                Metadata = new V1ObjectMeta
                {
                    Name = current,
                    NamespaceProperty = ns,
                    Labels = new Dictionary<string, string>(template.Metadata.Labels),
                    OwnerReferences = [PodStates.ControllerReference("apps/v1", "Deployment", deployment.Metadata)],
                },
                Spec = new V1ReplicaSetSpec { Replicas = replicas, Selector = deployment.Spec.Selector, Template = template },
            });
        }

        foreach (var old in owned.Where(r => r.Metadata.Name != current && r.Spec.Replicas != 0))
        {
            old.Spec.Replicas = 0;
            store.Update(old);
        }

        return current;
    }

    /// <summary>A short, stable hash of a pod template.</summary>
    public static string TemplateHash(V1PodTemplateSpec template)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(KubernetesJson.Serialize(template)));
        return Convert.ToHexString(bytes, 0, 5).ToLowerInvariant();
    }
}
