using k8s.Models;
using Selene.Cluster.Scheduling;
using Selene.Cluster.Scheduling.Framework;
using Selene.Cluster.Scheduling.Profiles;
using Selene.Cluster.Scheduling.Space;

namespace Selene.Cluster.Tests.Scheduling;

/// <summary>Small builders for nodes, pods and a scheduler over them.</summary>
internal static class Build
{
    public static V1Node Node(string name, string cpu = "4", string memory = "16Gi", string? gpus = null, string? pods = null,
        Dictionary<string, string>? labels = null, V1Taint[]? taints = null, Dictionary<string, string>? annotations = null, bool unschedulable = false)
    {
        var allocatable = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu), ["memory"] = new(memory) };
        if (gpus is not null)
        {
            allocatable["nvidia.com/gpu"] = new(gpus);
        }

        if (pods is not null)
        {
            allocatable["pods"] = new(pods);
        }

        var nodeLabels = new Dictionary<string, string>(labels ?? []) { ["kubernetes.io/hostname"] = name };
        return new V1Node
        {
            ApiVersion = "v1",
            Kind = "Node",
            Metadata = new V1ObjectMeta { Name = name, Labels = nodeLabels, Annotations = annotations },
            Spec = new V1NodeSpec { Taints = taints?.ToList(), Unschedulable = unschedulable },
            Status = new V1NodeStatus { Allocatable = allocatable, Capacity = allocatable },
        };
    }

    public static V1Taint Taint(string key, string? value, string effect) => new() { Key = key, Value = value, Effect = effect };

    public static V1Toleration Toleration(string? key, string? op, string? value, string? effect) =>
        new() { Key = key, OperatorProperty = op, Value = value, Effect = effect };

    public static V1Pod Pod(string name, string? cpu = null, string? memory = null, string? gpus = null, string ns = "default",
        Dictionary<string, string>? labels = null, V1Toleration[]? tolerations = null, V1Affinity? affinity = null,
        Dictionary<string, string>? nodeSelector = null, V1TopologySpreadConstraint[]? spread = null,
        Dictionary<string, string>? annotations = null, string? nodeName = null, string? preemptionPolicy = null)
    {
        var requests = new Dictionary<string, ResourceQuantity>();
        if (cpu is not null)
        {
            requests["cpu"] = new(cpu);
        }

        if (memory is not null)
        {
            requests["memory"] = new(memory);
        }

        if (gpus is not null)
        {
            requests["nvidia.com/gpu"] = new(gpus);
        }

        return new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = labels, Annotations = annotations },
            Spec = new V1PodSpec
            {
                Containers = [new V1Container { Name = "main", Resources = new V1ResourceRequirements { Requests = requests.Count > 0 ? requests : null } }],
                Tolerations = tolerations?.ToList(),
                Affinity = affinity,
                NodeSelector = nodeSelector,
                TopologySpreadConstraints = spread?.ToList(),
                NodeName = nodeName,
                PreemptionPolicy = preemptionPolicy,
            },
        };
    }

    public static V1NodeSelectorRequirement Requirement(string key, string op, params string[] values) =>
        new() { Key = key, OperatorProperty = op, Values = values.Length > 0 ? values : null };

    public static V1Affinity RequiredNodeAffinity(params V1NodeSelectorTerm[] terms) =>
        new() { NodeAffinity = new V1NodeAffinity { RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector { NodeSelectorTerms = terms } } };

    public static V1NodeSelectorTerm Term(params V1NodeSelectorRequirement[] requirements) => new() { MatchExpressions = requirements };

    /// <summary>A scheduler over the given nodes with bound pods already placed; default profile, tie-break seed 1.</summary>
    public static (Scheduler Scheduler, ClusterSnapshot Snapshot) Scheduler(IEnumerable<V1Node> nodes, IEnumerable<(V1Pod Pod, string Node, int Priority)>? bound = null,
        bool explain = true, SchedulerProfile? profile = null, INodeEnvironment? environment = null, int seed = 1)
    {
        var snapshot = new ClusterSnapshot();
        foreach (var node in nodes)
        {
            snapshot.SetNode(node);
        }

        var order = 0L;
        foreach (var (pod, node, priority) in bound ?? [])
        {
            snapshot.Bind(new PodInfo(pod, snapshot.Resources, priority, order++), snapshot.Node(node)!);
        }

        profile ??= PluginRegistry.DefaultProfile(new PluginContext(snapshot.Resources, environment ?? new AnnotationEnvironment()));
        return (new Scheduler(snapshot, profile, binder: null, seed: seed, explain: explain), snapshot);
    }

    public static PodInfo Info(ClusterSnapshot snapshot, V1Pod pod, int priority = 0) => new(pod, snapshot.Resources, priority, 1_000_000);
}
