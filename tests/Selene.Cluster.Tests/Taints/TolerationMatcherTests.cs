using k8s.Models;
using Selene.Cluster.Taints;

namespace Selene.Cluster.Tests.Taints;

public class TolerationMatcherTests
{
    private static V1Taint Taint(string key, string? value, string effect) => new() { Key = key, Value = value, Effect = effect };

    private static V1Toleration Toleration(string? key, string? op, string? value, string? effect) =>
        new() { Key = key, OperatorProperty = op, Value = value, Effect = effect };

    public static TheoryData<string, V1Toleration, V1Taint, bool> Cases => new()
    {
        { "Equal with the same key, value and effect tolerates", Toleration("latency", "Equal", "high", "NoSchedule"), Taint("latency", "high", "NoSchedule"), true },
        { "an empty operator means Equal", Toleration("latency", null, "high", "NoSchedule"), Taint("latency", "high", "NoSchedule"), true },
        { "Equal with another value does not tolerate", Toleration("latency", "Equal", "low", "NoSchedule"), Taint("latency", "high", "NoSchedule"), false },
        { "Exists ignores the value", Toleration("latency", "Exists", null, "NoSchedule"), Taint("latency", "high", "NoSchedule"), true },
        { "an empty effect matches every effect", Toleration("latency", "Exists", null, null), Taint("latency", "high", "NoExecute"), true },
        { "another effect does not match", Toleration("latency", "Exists", null, "NoExecute"), Taint("latency", "high", "NoSchedule"), false },
        { "an empty key with Exists tolerates every taint", Toleration(null, "Exists", null, null), Taint("anything", "x", "NoSchedule"), true },
        { "another key does not match", Toleration("radiation", "Exists", null, null), Taint("latency", "high", "NoSchedule"), false },
        { "an unknown operator tolerates nothing", Toleration("latency", "Like", "high", null), Taint("latency", "high", "NoSchedule"), false },
        { "Gt with values that are not integers tolerates nothing", Toleration("latency", "Gt", "high", null), Taint("latency", "high", "NoSchedule"), false },
        { "Lt tolerates a taint value below the toleration's (KEP-5471)", Toleration("selene.io/radiation", "Lt", "50", "NoSchedule"), Taint("selene.io/radiation", "20", "NoSchedule"), true },
        { "Lt does not tolerate an equal value", Toleration("selene.io/radiation", "Lt", "20", "NoSchedule"), Taint("selene.io/radiation", "20", "NoSchedule"), false },
        { "Gt tolerates a taint value above the toleration's", Toleration("selene.io/latency-ms", "Gt", "1000", null), Taint("selene.io/latency-ms", "1282", "NoSchedule"), true },
        { "Gt does not tolerate a value below", Toleration("selene.io/latency-ms", "Gt", "1000", null), Taint("selene.io/latency-ms", "40", "NoSchedule"), false },
        { "Lt compares integers, not strings (9 < 10)", Toleration("k", "Lt", "10", null), Taint("k", "9", "NoSchedule"), true },
        { "Equal with no value matches a taint with no value", Toleration("dedicated", "Equal", null, "NoSchedule"), Taint("dedicated", null, "NoSchedule"), true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_toleration_matches_a_taint_by_Kubernetes_rules(string because, V1Toleration toleration, V1Taint taint, bool tolerates) =>
        Assert.True(TolerationMatcher.Tolerates(toleration, taint) == tolerates, because);

    [Fact]
    public void A_pod_without_a_toleration_is_rejected_by_a_node_tainted_latency_high()
    {
        var taint = Taint("latency", "high", "NoSchedule");
        Assert.Same(taint, TolerationMatcher.FirstUntolerated([taint], []));
    }

    [Fact]
    public void PreferNoSchedule_taints_never_block_placement()
    {
        Assert.Null(TolerationMatcher.FirstUntolerated([Taint("latency", "high", "PreferNoSchedule")], []));
    }

    [Fact]
    public void Taints_read_as_kubectl_prints_them()
    {
        Assert.Equal("latency=high:NoSchedule", TolerationMatcher.Describe(Taint("latency", "high", "NoSchedule")));
        Assert.Equal("gpu:NoExecute", TolerationMatcher.Describe(Taint("gpu", null, "NoExecute")));
    }
}
