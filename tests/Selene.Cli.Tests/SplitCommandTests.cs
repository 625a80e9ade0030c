using System.Text.Json;
using Google.Protobuf;
using Onnx;
using Selene.Inference.Tests;

namespace Selene.Cli.Tests;

public sealed class SplitCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("selene-split-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_plan_lists_every_candidate_with_its_cost_terms_the_sweep_and_a_run_over_a_lossy_link_that_loses_nothing()
    {
        var model = Write("branching.onnx", TestModels.Branching());
        var run = CliRun.Of("split", model, "--delay-ms", "2", "--bandwidth-mbps", "100", "--loss", "0.1", "--run", "--requests", "30", "--json");

        Assert.True(run.ExitCode == 0, run.Errors);
        var report = JsonSerializer.Deserialize<JsonElement>(run.Out);
        var table = report.GetProperty("table").EnumerateArray().ToList();
        Assert.Equal(report.GetProperty("candidates").GetInt32(), table.Count);
        Assert.All(table, row => Assert.Equal(
            row.GetProperty("prefixSeconds").GetDouble() + row.GetProperty("encodeSeconds").GetDouble() + row.GetProperty("sendSeconds").GetDouble()
            + row.GetProperty("suffixSeconds").GetDouble() + row.GetProperty("replySeconds").GetDouble() + row.GetProperty("delaySeconds").GetDouble()
            + row.GetProperty("lossSeconds").GetDouble(), row.GetProperty("latencySeconds").GetDouble(), 12));
        Assert.Equal(13, report.GetProperty("sweep").GetArrayLength());
        var measured = report.GetProperty("run");
        Assert.Equal(30, measured.GetProperty("exactOutputs").GetInt32());
        Assert.True(measured.GetProperty("retransmissions").GetInt32() >= measured.GetProperty("lost").GetInt32());
    }

    [Fact]
    public void A_model_without_intermediate_types_runs_split_over_loopback_at_a_scaled_time_with_one_retransmission_per_loss()
    {
        // No value_info for intermediate tensors, as many exporters write; the Moon's 1.28 s scaled to 12.8 ms; a tenth of
        // the bundles lost in each direction. Each loss costs one retransmission: the timer scales with the link, and the
        // losses of the suffix process's direction are counted too.
        var untyped = Onnx.ModelProto.Parser.ParseFrom(TestModels.Branching());
        untyped.Graph.ValueInfo.Clear();
        var model = Write("untyped.onnx", Google.Protobuf.MessageExtensions.ToByteArray(untyped));
        var run = CliRun.Of("split", model, "--delay-ms", "1282", "--bandwidth-mbps", "100", "--loss", "0.1", "--run", "--transport", "tcp",
            "--time-scale", "0.01", "--requests", "40", "--cut", "c,d1", "--json");

        Assert.True(run.ExitCode == 0, run.Errors);
        var measured = JsonSerializer.Deserialize<JsonElement>(run.Out).GetProperty("run");
        Assert.Equal(40, measured.GetProperty("exactOutputs").GetInt32());
        var (retransmissions, lost) = (measured.GetProperty("retransmissions").GetInt32(), measured.GetProperty("lost").GetInt32());
        Assert.True(lost > 0, "the link lost nothing");
        // Every loss of either direction is made good by a retransmission. A few timers may fire early while the suffix
        // process warms up or the machine is loaded; counting only this side's losses, as once, left about half the
        // retransmissions unexplained.
        Assert.True(retransmissions >= lost && retransmissions <= lost + 4, $"{retransmissions} retransmissions for {lost} losses");
        // A lost request waits for the timer: in the run's time, not the unscaled 2.56 s round trip. About one request
        // in five meets a loss, so an unscaled timer would add some 0.5 s to the mean; one stall of the loaded machine
        // (seen at 2.4 s on 2 busy cores) adds 0.06 s, which would break a p99 of 40 requests but not this.
        Assert.True(measured.GetProperty("meanSeconds").GetDouble() < 0.25, $"mean {measured.GetProperty("meanSeconds").GetDouble()} s");
    }

    [Fact]
    public void A_named_cut_runs_in_a_second_process_over_loopback_and_gives_exactly_the_whole_output()
    {
        var model = Write("chain.onnx", TestModels.Chain());
        var run = CliRun.Of("split", model, "--delay-ms", "1", "--bandwidth-mbps", "1000", "--cut", "r1", "--run", "--requests", "5", "--transport", "tcp", "--json");

        Assert.True(run.ExitCode == 0, run.Errors);
        var report = JsonSerializer.Deserialize<JsonElement>(run.Out);
        Assert.Equal(["r1"], report.GetProperty("best").GetProperty("tensors").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(5, report.GetProperty("run").GetProperty("exactOutputs").GetInt32());
    }

    [Fact]
    public void With_caches_repeated_requests_are_answered_without_the_link_and_the_report_says_how()
    {
        var model = Write("chain.onnx", TestModels.Chain());
        var run = CliRun.Of("split", model, "--delay-ms", "5", "--bandwidth-mbps", "100", "--cut", "r1", "--run", "--requests", "40", "--cache", "--catalog", "4", "--json");

        Assert.True(run.ExitCode == 0, run.Errors);
        var measured = JsonSerializer.Deserialize<JsonElement>(run.Out).GetProperty("run");
        var cache = measured.GetProperty("cache");
        // Four distinct requests (and their near-copies) among 40: most are answered from a cache.
        Assert.True(cache.GetProperty("exactHits").GetInt32() + cache.GetProperty("similarityHits").GetInt32() >= 20, cache.ToString());
        Assert.True(measured.GetProperty("p50Seconds").GetDouble() < 0.001, $"most requests skip the 10 ms round trip: {measured}");
        Assert.True(cache.GetProperty("prefetched").GetInt32() > 0, cache.ToString());
    }

    public static TheoryData<string, string, string> BadModels() => new()
    {
        { "an empty file", "empty.onnx", "empty" },
        { "a truncated model", "truncated.onnx", "not an ONNX model" },
        { "bytes that are no model", "noise.onnx", "not an ONNX model" },
        { "an operator ONNX Runtime does not know", "unknown-op.onnx", "ONNX Runtime cannot" },
        { "an input shape the weights do not fit", "wrong-shape.onnx", "Incompatible dimensions for matrix multiplication" },
        { "a node reading a tensor nothing writes", "dangling.onnx", "which no node, input or initializer provides" },
        { "a file that is not there", "missing.onnx", "cannot read the model" },
    };

    [Theory]
    [MemberData(nameof(BadModels))]
    public void A_bad_model_exits_2_naming_the_file_and_what_is_wrong(string because, string file, string expected)
    {
        var chain = TestModels.Chain();
        var path = Path.Combine(_folder, file);
        switch (file)
        {
            case "empty.onnx":
                File.WriteAllBytes(path, []);
                break;
            case "truncated.onnx":
                File.WriteAllBytes(path, chain[..(chain.Length / 2)]);
                break;
            case "noise.onnx":
                File.WriteAllBytes(path, [.. Enumerable.Range(0, 4096).Select(i => (byte)((i * 7919) % 251))]);
                break;
            case "unknown-op.onnx":
                File.WriteAllBytes(path, Edit(chain, m => m.Graph.Node[1].OpType = "NoSuchOperator"));
                break;
            case "wrong-shape.onnx":
                File.WriteAllBytes(path, Edit(chain, m => m.Graph.Input[0].Type.TensorType.Shape.Dim[1].DimValue = 15));
                break;
            case "dangling.onnx":
                File.WriteAllBytes(path, Edit(chain, m => m.Graph.Node[2].Input[0] = "ghost"));
                break;
        }

        var run = CliRun.Of("split", path, "--delay-ms", "1", "--bandwidth-mbps", "100");

        Assert.True(run.ExitCode == 2, $"{because}: exit {run.ExitCode}: {run.Errors}");
        Assert.Contains(path, run.Errors, StringComparison.Ordinal);
        Assert.True(run.Errors.Contains(expected, StringComparison.Ordinal), run.Errors);
    }

    [Theory]
    [InlineData("a tensor the graph does not have", "--cut", "nothing")]
    [InlineData("tensors that are not a cut", "--cut", "h1,r2")]
    [InlineData("an unknown codec", "--codecs", "none,gzip")]
    [InlineData("an unknown device", "--suffix-device", "tpu")]
    [InlineData("a loss of 1", "--loss", "1")]
    public void Bad_options_exit_2(string because, string option, string value)
    {
        var model = Write("chain.onnx", TestModels.Chain());
        var run = CliRun.Of("split", model, "--delay-ms", "1", "--bandwidth-mbps", "100", option, value);

        Assert.True(run.ExitCode == 2, $"{because}: exit {run.ExitCode}: {run.Errors}");
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Edit(byte[] model, Action<ModelProto> change)
    {
        var proto = ModelProto.Parser.ParseFrom(model);
        change(proto);
        return proto.ToByteArray();
    }
}
