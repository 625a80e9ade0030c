using k8s.Models;

namespace Selene.Cluster.Controllers;

/// <summary>The pod states controllers reason about, as kube-controller-manager's <c>controller_utils</c> defines them.</summary>
public static class PodStates
{
    /// <summary>Not finished and not being deleted: it counts towards a controller's replicas.</summary>
    public static bool IsActive(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return pod.Status?.Phase is not ("Succeeded" or "Failed") && pod.Metadata.DeletionTimestamp is null;
    }

    /// <summary>Running with its Ready condition true.</summary>
    public static bool IsReady(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return pod.Status?.Phase == "Running" && pod.Status.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;
    }

    /// <summary>True when <paramref name="pod"/> is controlled by the object with <paramref name="uid"/>.</summary>
    public static bool IsControlledBy(V1Pod pod, string uid)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return pod.Metadata.OwnerReferences?.Any(o => o.Controller == true && o.Uid == uid) == true;
    }

    /// <summary>A controller owner reference to <paramref name="owner"/>.</summary>
    public static V1OwnerReference ControllerReference(string apiVersion, string kind, V1ObjectMeta owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return new V1OwnerReference { ApiVersion = apiVersion, Kind = kind, Name = owner.Name, Uid = owner.Uid, Controller = true, BlockOwnerDeletion = true };
    }

    /// <summary>A pod from a template, named and owned.</summary>
    public static V1Pod FromTemplate(V1PodTemplateSpec template, string ns, string name, V1OwnerReference owner)
    {
        ArgumentNullException.ThrowIfNull(template);
        var spec = k8s.KubernetesJson.Deserialize<V1PodSpec>(k8s.KubernetesJson.Serialize(template.Spec));
        return new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = ns,
                Labels = template.Metadata?.Labels is { } labels ? new Dictionary<string, string>(labels) : null,
                Annotations = template.Metadata?.Annotations is { } annotations ? new Dictionary<string, string>(annotations) : null,
                OwnerReferences = [owner],
            },
            Spec = spec,
        };
    }
}
