using System.Globalization;
using k8s.Models;

namespace Selene.Benchmarks;

/// <summary>
/// The scheduler benchmark's cluster, after kube-scheduler's scheduler_perf SchedulingBasic (5,000 nodes,
/// 10,000 pods) with a mixed workload: nodes in 10 zones, one in five with 8 GPUs, one in seven tainted (spread over the zones); pods
/// plain (40 %), GPU (20 %), tolerating the taint (15 %), with required node affinity to a zone (15 %), and with
/// a zone spread constraint (10 %).
/// </summary>
public static class SchedulerWorkload
{
    /// <summary>The nodes.</summary>
    public static IEnumerable<V1Node> Nodes(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var capacity = new Dictionary<string, ResourceQuantity>
            {
                ["cpu"] = new("32"),
                ["memory"] = new("256Gi"),
                ["pods"] = new("110"),
            };
            if (i % 5 == 0)
            {
                capacity["nvidia.com/gpu"] = new("8");
            }

            yield return new V1Node
            {
                ApiVersion = "v1",
                Kind = "Node",
                Metadata = new V1ObjectMeta
                {
                    Name = string.Create(CultureInfo.InvariantCulture, $"node-{i:D5}"),
                    Labels = new Dictionary<string, string>
                    {
                        ["kubernetes.io/hostname"] = string.Create(CultureInfo.InvariantCulture, $"node-{i:D5}"),
                        ["topology.kubernetes.io/zone"] = string.Create(CultureInfo.InvariantCulture, $"zone-{i % 10}"),
                    },
                },
                Spec = new V1NodeSpec { Taints = i % 7 == 3 ? [new V1Taint { Key = "dedicated", Value = "batch", Effect = "NoSchedule" }] : null },
                Status = new V1NodeStatus { Capacity = capacity, Allocatable = capacity },
            };
        }
    }

    /// <summary>The pods, in submission order.</summary>
    public static IEnumerable<V1Pod> Pods(int count, string prefix = "pod")
    {
        for (var i = 0; i < count; i++)
        {
            var kind = i % 20;
            var requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("500m"), ["memory"] = new("1Gi") };
            var spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "app", Resources = new V1ResourceRequirements { Requests = requests } }] };
            var labels = new Dictionary<string, string> { ["app"] = string.Create(CultureInfo.InvariantCulture, $"app-{i % 50}") };
            switch (kind)
            {
                case < 8:
                    break;
                case < 12:
                    requests["nvidia.com/gpu"] = new("1");
                    break;
                case < 15:
                    spec.Tolerations = [new V1Toleration { Key = "dedicated", OperatorProperty = "Equal", Value = "batch", Effect = "NoSchedule" }];
                    break;
                case < 18:
                    spec.Affinity = new V1Affinity
                    {
                        NodeAffinity = new V1NodeAffinity
                        {
                            RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
                            {
                                NodeSelectorTerms = [new V1NodeSelectorTerm { MatchExpressions = [new V1NodeSelectorRequirement { Key = "topology.kubernetes.io/zone", OperatorProperty = "In", Values = [string.Create(CultureInfo.InvariantCulture, $"zone-{i % 3}"), string.Create(CultureInfo.InvariantCulture, $"zone-{(i % 3) + 5}")] }] }],
                            },
                        },
                    };
                    break;
                default:
                    labels["spread"] = string.Create(CultureInfo.InvariantCulture, $"group-{i % 25}");
                    spec.TopologySpreadConstraints =
                    [
                        new V1TopologySpreadConstraint
                        {
                            MaxSkew = 1,
                            TopologyKey = "topology.kubernetes.io/zone",
                            WhenUnsatisfiable = "DoNotSchedule",
                            LabelSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["spread"] = labels["spread"] } },
                        },
                    ];
                    break;
            }

            yield return new V1Pod
            {
                ApiVersion = "v1",
                Kind = "Pod",
                Metadata = new V1ObjectMeta { Name = string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i:D6}"), NamespaceProperty = "bench", Labels = labels },
                Spec = spec,
            };
        }
    }
}
