using Selene.Cluster.Manifests;
using Selene.Core.Errors;

namespace Selene.Cluster.Tests.Manifests;

public class ManifestLoaderTests
{
    private const string GoodPod = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: good
          namespace: chat
        spec:
          containers:
          - name: main
            image: llm
            resources:
              requests:
                cpu: 500m
                memory: 256Gi
                nvidia.com/gpu: "1"
        """;

    private static ManifestSet Load(string yaml)
    {
        var set = new ManifestSet();
        ManifestLoader.Load(yaml, "in.yaml", set);
        ManifestValidator.CheckReferences(set);
        return set;
    }

    /// <summary>Each bad document follows a good pod; the good pod must still load.</summary>
    public static TheoryData<string, string, int, string, string> BadDocuments => new()
    {
        { "an unknown kind", "apiVersion: v1\nkind: Gadget\nmetadata:\n  name: g\n", 17, "kind", "unknown kind Gadget" },
        { "a malformed quantity (32Gx)", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    resources:\n      requests:\n        memory: 32Gx\n", 25, "spec.containers[0].resources.requests.memory", "not a Kubernetes quantity" },
        { "a negative request", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    resources:\n      requests:\n        cpu: -2\n", 25, "spec.containers[0].resources.requests.cpu", "negative" },
        { "an unknown toleration operator", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n  tolerations:\n  - key: latency\n    operator: Like\n    value: high\n", 25, "spec.tolerations[0].operator", "unknown toleration operator 'Like'" },
        { "an unknown node affinity operator", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n        - matchExpressions:\n          - key: zone\n            operator: Near\n            values: [moon]\n", 29, "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator", "unknown operator 'Near'" },
        { "a missing priority class", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  priorityClassName: urgent\n  containers:\n  - name: c\n", 21, "spec.priorityClassName", "no PriorityClass named 'urgent'" },
        { "an unknown field", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containerz: []\n", 21, "spec.containerz", "containerz" },
        { "a Gt toleration with a word for a value", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n  tolerations:\n  - key: selene.io/radiation\n    operator: Gt\n    value: high\n    effect: NoSchedule\n", 26, "spec.tolerations[0].value", "compares integers" },
    };

    [Theory]
    [MemberData(nameof(BadDocuments))]
    public void A_bad_document_names_file_line_and_field_and_the_others_still_load(string because, string bad, int line, string field, string message)
    {
        var set = Load(GoodPod + "\n---\n" + bad);
        var error = Assert.Single(set.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.True(error.File == "in.yaml" && error.Line == line && error.Field == field && error.Message.Contains(message, StringComparison.Ordinal),
            $"{because}: got {error}");
        Assert.Equal("good", Assert.Single(set.Pods).Value.Metadata.Name);
    }

    [Fact]
    public void Every_kind_the_scheduler_reads_loads_and_quantities_keep_their_units()
    {
        var set = Load("""
            apiVersion: v1
            kind: Namespace
            metadata:
              name: chat
            ---
            apiVersion: scheduling.k8s.io/v1
            kind: PriorityClass
            metadata:
              name: urgent
            value: 1000
            ---
            apiVersion: v1
            kind: ResourceQuota
            metadata:
              name: chat-quota
              namespace: chat
            spec:
              hard:
                requests.nvidia.com/gpu: "8"
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            ---
            """ + "\n" + GoodPod);
        Assert.False(set.HasErrors);
        Assert.Single(set.Namespaces);
        Assert.Equal(1000, Assert.Single(set.PriorityClasses).Value.Value);
        Assert.Equal(8m, Assert.Single(set.ResourceQuotas).Value.Spec.Hard["requests.nvidia.com/gpu"].ToDecimal());
        var requests = Assert.Single(set.Pods).Value.Spec.Containers[0].Resources.Requests;
        Assert.Equal(500, Selene.Cluster.Resources.Quantities.ToMilli(requests["cpu"]));
        Assert.Equal(256L * 1024 * 1024 * 1024 * 1000, Selene.Cluster.Resources.Quantities.ToMilli(requests["memory"]));
        var warning = Assert.Single(set.Diagnostics);
        Assert.Contains("Deployment ignored", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Folders_are_read_recursively_in_name_order_and_a_missing_path_is_an_error()
    {
        var folder = Directory.CreateTempSubdirectory("selene-manifests-");
        try
        {
            Directory.CreateDirectory(Path.Combine(folder.FullName, "b"));
            File.WriteAllText(Path.Combine(folder.FullName, "b", "pod.yaml"), GoodPod);
            File.WriteAllText(Path.Combine(folder.FullName, "a.yml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: chat\n");
            File.WriteAllText(Path.Combine(folder.FullName, "notes.txt"), "not a manifest");
            var set = ManifestLoader.LoadPaths([folder.FullName, Path.Combine(folder.FullName, "missing.yaml")]);
            Assert.Single(set.Pods);
            Assert.Single(set.Namespaces);
            var error = Assert.Single(set.Diagnostics);
            Assert.EndsWith("missing.yaml", error.File, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
