using Selene.Cluster.Manifests;
using Selene.Core.Errors;
using Selene.Testing;

namespace Selene.Cluster.Tests.Manifests;

public class NodeManifestLoaderTests
{
    private const string RealNode = """
        apiVersion: v1
        kind: Node
        metadata:
          name: ash-gpu-01
          labels:
            nvidia.com/gpu.product: NVIDIA-H100-80GB-HBM3
        status:
          capacity:
            cpu: "96"
            memory: 1Ti
            nvidia.com/gpu: "8"
        """;

    [Fact]
    public void The_lunar_seed_manifest_loads_unchanged_with_its_spec_resources_read_as_capacity_and_one_warning()
    {
        const string path = "examples/manifests/lunar-gpu-01.yaml";
        var yaml = File.ReadAllText(RepositoryPaths.Of(path));
        var warnings = new List<InputDiagnostic>();

        var node = Assert.Single(NodeManifestLoader.Load(yaml, path, warnings));

        Assert.Equal("lunar-gpu-01", node.Name);
        Assert.Equal("moon", node.Label("location"));
        Assert.Equal("inference", node.Label("role"));
        var taint = Assert.Single(node.Taints);
        Assert.Equal(("latency", "high", "NoSchedule"), (taint.Key, taint.Value, taint.Effect));
        Assert.Equal(8, node.GpuCount);
        Assert.Equal(32, node.Capacity("cpu"));
        Assert.Equal(256.0 * 1024 * 1024 * 1024, node.Capacity("memory"));
        Assert.Equal(node.Node.Status.Capacity, node.Node.Status.Allocatable);

        var warning = Assert.Single(warnings);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal((path, 14, "spec.resources"), (warning.File, warning.Line, warning.Field));
        Assert.Contains("not a Kubernetes Node field", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_seed_manifest_file_is_byte_for_byte_the_one_in_the_design()
    {
        var bytes = File.ReadAllBytes(RepositoryPaths.Of("examples/manifests/lunar-gpu-01.yaml"));
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        Assert.StartsWith("# 假想的太空叢集部署描述\napiVersion: v1\nkind: Node\n", text, StringComparison.Ordinal);
        Assert.EndsWith("      cpu: \"32\"\n      memory: \"256Gi\"\n", text, StringComparison.Ordinal);
        Assert.Equal(19, text.Count(c => c == '\n'));
    }

    [Fact]
    public void A_real_node_manifest_with_capacity_under_status_loads_without_warnings()
    {
        var warnings = new List<InputDiagnostic>();
        var node = Assert.Single(NodeManifestLoader.Load(RealNode, "real.yaml", warnings));
        Assert.Empty(warnings);
        Assert.Equal(8, node.GpuCount);
        Assert.Equal(96, node.Capacity("cpu"));
        Assert.Equal("NVIDIA-H100-80GB-HBM3", node.Label(ClusterNode.GpuProductLabel));
        Assert.Empty(node.Taints);
    }

    [Fact]
    public void Several_documents_give_several_nodes_each_with_the_line_it_starts_on()
    {
        var yaml = RealNode + "\n---\n" + RealNode.Replace("ash-gpu-01", "ash-gpu-02", StringComparison.Ordinal);
        var nodes = NodeManifestLoader.Load(yaml, "two.yaml", new List<InputDiagnostic>());
        Assert.Equal(["ash-gpu-01", "ash-gpu-02"], nodes.Select(n => n.Name));
        Assert.Equal(1, nodes[0].Line);
        Assert.Equal(13, nodes[1].Line);
    }

    [Fact]
    public void Other_kinds_in_a_node_manifest_are_ignored_with_a_warning()
    {
        var yaml = RealNode + "\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: chat\n";
        var warnings = new List<InputDiagnostic>();
        Assert.Single(NodeManifestLoader.Load(yaml, "mixed.yaml", warnings));
        var warning = Assert.Single(warnings);
        Assert.Contains("Namespace ignored", warning.Message, StringComparison.Ordinal);
        Assert.Equal(13, warning.Line);
    }

    public static TheoryData<string, string, int, string> BadManifests => new()
    {
        { "a YAML syntax error", "apiVersion: v1\nkind: Node\nmetadata:\n  name: [unclosed\n", 5, "not valid YAML" },
        { "an unknown field, as kubectl's strict validation rejects it", "apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\nspec:\n  podCIDRz: 10.0.0.0/24\n", 6, "podCIDRz" },
        { "a node without a name", "apiVersion: v1\nkind: Node\nmetadata:\n  labels:\n    a: b\n", 1, "a Node needs a name" },
        { "a spec.resources quantity that is not a quantity", "apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\nspec:\n  resources:\n    limits:\n      nvidia.com/gpu: eight\n", 8, "Kubernetes quantity" },
        { "spec.resources that is not a mapping", "apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\nspec:\n  resources: 8\n", 6, "expected a mapping" },
    };

    [Theory]
    [MemberData(nameof(BadManifests))]
    public void A_bad_manifest_is_rejected_with_the_line_that_is_wrong(string because, string yaml, int line, string message)
    {
        var error = Assert.Throws<InputException>(() => NodeManifestLoader.Load(yaml, "bad.yaml", new List<InputDiagnostic>()));
        var first = error.Errors[0];
        Assert.True(first.File == "bad.yaml" && first.Line == line && first.Message.Contains(message, StringComparison.Ordinal),
            $"{because}: got {first}");
    }
}
