using System.Globalization;
using k8s.Models;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.ControlPlane;

/// <summary>
/// The Kubernetes workload a tenant is: its replicas' pod template (the tenant's priority, tolerations and node
/// selector, a node affinity for the GPU types that can serve it, <c>tensorParallel</c> GPUs, and for interactive work
/// a latency budget of the longest round trip its objectives allow, so LatencyBudget keeps its replicas where the
/// gateway can use them; batch work may go anywhere) in a Deployment, or a StatefulSet for a stateful tenant, named after the tenant in the tenant's namespace.
/// </summary>
internal static class TenantWorkload
{
    /// <summary>The node label the twin gives each node's GPU type (a replica's pod must land on a type its tenant can serve).</summary>
    public const string GpuTypeLabel = "selene.io/gpu-type";

    /// <summary>The tenant as a Deployment of <c>replicas.initial</c> pods.</summary>
    public static V1Deployment Deployment(TenantSpec tenant) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = Meta(tenant),
        Spec = new V1DeploymentSpec { Replicas = tenant.Serving!.Replicas.Initial, Selector = Selector(tenant), Template = Template(tenant) },
    };

    /// <summary>The tenant as a StatefulSet of <c>replicas.initial</c> pods, started in parallel.</summary>
    public static V1StatefulSet StatefulSet(TenantSpec tenant) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "StatefulSet",
        Metadata = Meta(tenant),
        Spec = new V1StatefulSetSpec
        {
            Replicas = tenant.Serving!.Replicas.Initial, ServiceName = tenant.Name, PodManagementPolicy = "Parallel", Selector = Selector(tenant), Template = Template(tenant),
        },
    };

    private static V1ObjectMeta Meta(TenantSpec tenant) => new() { Name = tenant.Name, NamespaceProperty = tenant.Name };

    private static Dictionary<string, string> Labels(TenantSpec tenant) => new() { ["app"] = tenant.Name };

    private static V1LabelSelector Selector(TenantSpec tenant) => new() { MatchLabels = Labels(tenant) };

    private static V1PodTemplateSpec Template(TenantSpec tenant)
    {
        var serving = tenant.Serving!;
        return new V1PodTemplateSpec
        {
            Metadata = new V1ObjectMeta
            {
                Labels = Labels(tenant),
                Annotations = tenant.Class == WorkloadClass.Interactive && double.IsFinite(tenant.RoundTripBoundSeconds)
                    ? new Dictionary<string, string> { [Selene.Cluster.Scheduling.Space.SpaceAnnotations.LatencyBudgetMs] = (tenant.RoundTripBoundSeconds * 1000).ToString("R", CultureInfo.InvariantCulture) }
                    : null,
            },
            Spec = new V1PodSpec
            {
                Priority = tenant.Priority,
                Tolerations = tenant.Tolerations.ToList(),
                NodeSelector = serving.NodeSelector.Count > 0 ? serving.NodeSelector.ToDictionary() : null,
                Affinity = new V1Affinity
                {
                    NodeAffinity = new V1NodeAffinity
                    {
                        RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
                        {
                            NodeSelectorTerms =
                            [
                                new V1NodeSelectorTerm
                                {
                                    MatchExpressions = [new V1NodeSelectorRequirement { Key = GpuTypeLabel, OperatorProperty = "In", Values = serving.GpuTypes!.Order(StringComparer.Ordinal).ToList() }],
                                },
                            ],
                        },
                    },
                },
                Containers = [new V1Container { Name = "model-server", Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["nvidia.com/gpu"] = new(serving.TensorParallel.ToString(CultureInfo.InvariantCulture)) } } }],
            },
        };
    }
}
