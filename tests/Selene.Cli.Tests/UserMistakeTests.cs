using System.Net;
using System.Net.Sockets;
using Google.Protobuf;
using Selene.Inference.Tests;

namespace Selene.Cli.Tests;

/// <summary>
/// The mistakes users make on the command line: each exits 2 naming the option, file or field, prints no stack trace
/// and no .NET type name, and writes nothing.
/// </summary>
public sealed class UserMistakeTests : IDisposable
{
    private static readonly string Image = Path.Combine(Selene.Testing.RepositoryPaths.PdqReference, "misc-images", "c.png");
    private readonly string _folder = Directory.CreateTempSubdirectory("selene-mistakes-").FullName;

    public UserMistakeTests()
    {
        File.WriteAllText(Path.Combine(_folder, "afile"), "a file, not a folder\n");
        File.WriteAllText(Path.Combine(_folder, "notdb.db"), "not a database\n");
        File.WriteAllText(Path.Combine(_folder, "empty-secret"), "  \n");
        Directory.CreateDirectory(Path.Combine(_folder, "adir"));
        var scenario = File.ReadAllText(Selene.Testing.RepositoryPaths.Of("examples/earth-moon.yaml"))
            .Replace("epoch: 2027-01-11T00:00:00Z", "epoch: 1800-01-01T00:00:00Z", StringComparison.Ordinal)
            .Replace("manifests/", Selene.Testing.RepositoryPaths.Of("examples/manifests") + "/", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_folder, "epoch.yaml"), scenario);
        File.WriteAllText(Path.Combine(_folder, "replicas.yaml"), scenario
            .Replace("epoch: 1800-01-01T00:00:00Z", "epoch: 2027-01-11T00:00:00Z", StringComparison.Ordinal)
            .Replace("replicas: {min: 3, max: 8, initial: 4}", "replicas: {min: 9, max: 8, initial: 8}", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(_folder, "relay.yaml"), scenario
            .Replace("epoch: 1800-01-01T00:00:00Z", "epoch: 2027-01-11T00:00:00Z", StringComparison.Ordinal)
            .Replace("    periapsisAltitudeKm: 200\n    apoapsisAltitudeKm: 16000\n", "    semiMajorAxisKm: 9837\n    eccentricity: 1.0\n", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(_folder, "sweep-bad.yaml"), "scenario: earth-moon\nseeds: 2\nvary:\n  - path: tenants[search].arrivals.rateScale\n    values: [1, 2]\ncollect:\n  - tenants[*].goodput\n");
        File.WriteAllText(Path.Combine(_folder, "plan-bad.yaml"), "scenario: earth-moon\nseeds: 2\ndecide:\n  - path: tenants[code].serving.replicas.min\n    values: [2, many]\n    costs: [1, 2]\nconstraints:\n  - metric: tenants[code].goodput\n    atLeast: 0.99\n");
        File.WriteAllText(Path.Combine(_folder, "workloads.yaml"), "extends: earth-moon\nworkloads:\n  - {name: kv, kind: statefulSet, namespace: chat, replicas: 3}\n");
        foreach (var (name, cpu) in new[] { ("nan", "\"NaN\""), ("huge", "1e400") })
        {
            File.WriteAllText(Path.Combine(_folder, $"cpu-{name}.yaml"), $"apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\nstatus:\n  capacity:\n    cpu: {cpu}\n    memory: 1Gi\n");
        }

        var model = TestModels.New("huge");
        model.Graph.Input.Add(TestModels.Float("X", 100_000, 100_000));
        TestModels.Node(model.Graph, "Relu", ["X"], "Y");
        model.Graph.Output.Add(TestModels.Float("Y", 100_000, 100_000));
        File.WriteAllBytes(Path.Combine(_folder, "huge-input.onnx"), model.ToByteArray());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string, string[], string> Mistakes() => new()
    {
        { "an epoch before 1900", ["simulate", "{F}/epoch.yaml", "--out", "{F}/out"], "epoch: 1800-01-01T00:00:00Z is outside 1900-01-01 to 2100-12-31" },
        { "a run past 2100", ["simulate", "--days", "36000", "--out", "{F}/out"], "--days: a run from 2027-01-11" },
        { "replicas whose min is above their max", ["simulate", "{F}/replicas.yaml", "--out", "{F}/out"], "error: tenants[0].serving.replicas.min: min (9) is more than max (8)" },
        { "a relay orbit that is not an ellipse", ["simulate", "{F}/relay.yaml", "--out", "{F}/out"], "relay.yaml:59:19: error: relays[0].eccentricity: 1 is not an ellipse" },
        { "the same, planning contacts", ["contacts", "{F}/relay.yaml", "--out", "{F}/out"], "error: relays[0].eccentricity: 1 is not an ellipse" },
        { "a sweep whose vary path names nothing", ["sweep", "plan", "{F}/sweep-bad.yaml"], "sweep-bad.yaml:4:11: error: vary[0].path: 'tenants' has no item named 'search'" },
        { "a plan decision value of the wrong type", ["plan", "{F}/plan-bad.yaml", "--out", "{F}/out"], "plan-bad.yaml:5:13: error: decide[0].values: tenants[code].serving.replicas.min = many gives a scenario that does not load" },
        { "a worker given a sweep whose path names nothing", ["sweep", "run", "{F}/sweep-bad.yaml", "--index", "0", "--out", "{F}/out"], "vary[0].path: 'tenants' has no item named 'search'" },
        { "a workloads section", ["simulate", "{F}/workloads.yaml", "--out", "{F}/out"], "workloads.yaml:2:1: error: workloads: the 'workloads' section is gone" },
        { "a manifest that is a device", ["schedule", "-f", "/dev/zero"], "-f: cannot read the manifest: it is empty, or not a regular file" },
        { "a manifest that is not there", ["schedule", "-f", "{F}/missing.yaml"], "missing.yaml: error: no such file or folder" },
        { "--out naming a file", ["simulate", "--days", "0.01", "--out", "{F}/afile"], "--out: is a file; give a folder" },
        { "--out where nothing can be written", ["simulate", "--days", "0.01", "--out", "{F}/afile/out"], "--out: cannot write there" },
        { "--audit naming a folder", ["moderate", Image, "--audit", "{F}/adir", "--quarantine", "{F}/q"], "--audit: is a folder" },
        { "--audit naming a file that is not SQLite", ["moderate", Image, "--audit", "{F}/notdb.db", "--quarantine", "{F}/q"], "--audit: is not a SQLite database" },
        { "--quarantine naming a file", ["moderate", Image, "--audit", "{F}/a.db", "--quarantine", "{F}/afile"], "--quarantine: is a file; give a folder" },
        { "--webhook-db naming a folder", ["serve", "--webhook-db", "{F}/adir", "--urls", "http://127.0.0.1:0"], "--webhook-db: is a folder" },
        { "--moderation-db naming a file that is not SQLite", ["serve", "--moderation-db", "{F}/notdb.db", "--urls", "http://127.0.0.1:0"], "--moderation-db: is not a SQLite database" },
        { "an empty inbound secret", ["serve", "--inbound-secret-file", "{F}/empty-secret", "--webhook-db", "{F}/w.db", "--urls", "http://127.0.0.1:0"], "--inbound-secret-file: the secret is empty" },
        { "a port already in use", ["serve", "--urls", "http://127.0.0.1:{PORT}"], "--urls: cannot listen there" },
        { "cpu: \"NaN\"", ["schedule", "-f", "{F}/cpu-nan.yaml"], "status.capacity.cpu: not a quantity Selene can count" },
        { "cpu: 1e400", ["schedule", "-f", "{F}/cpu-huge.yaml"], "status.capacity.cpu:" },
        { "--max-steps 0", ["ode", "solve", "--problem", "rober", "--max-steps", "0"], "--max-steps: must be at least 1" },
        { "two billion GPUs to size", ["size", "--site", "shackleton-rim", "--gpus", "2000000000", "--gpu-type", "H100", "--out", "{F}/out"], "--gpus: expected a whole number of GPUs from 1 to 100,000" },
        { "an ONNX input of 100,000 × 100,000", ["split", "{F}/huge-input.onnx"], "MODEL: input 'X' is [100000, 100000]" },
        { "--days abc", ["simulate", "--days", "abc", "--out", "{F}/out"], "--days: 'abc' is not a number" },
        { "a folder given as an ONNX model", ["split", "{F}/adir"], "MODEL: is a folder; give an ONNX model file" },
        { "a folder given as an ODE model", ["ode", "solve", "--model", "{F}/adir"], "--model: cannot read the model: it is a folder" },
        { "a folder given as an image encoder", ["moderate", Image, "--encoder", "{F}/adir", "--audit", "{F}/a.db", "--quarantine", "{F}/q"], "--encoder:" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task A_mistake_exits_2_naming_what_is_wrong_with_no_trace_and_nothing_written(string mistake, string[] args, string expected)
    {
        using var occupied = new TcpListener(IPAddress.Loopback, 0);
        occupied.Start();
        var port = ((IPEndPoint)occupied.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var resolved = args.Select(a => a.Replace("{F}", _folder, StringComparison.Ordinal).Replace("{PORT}", port, StringComparison.Ordinal)).ToArray();
        var before = Listing();

        // A mistake that were not caught would leave `serve` running: the time-out makes that a failure, not a hang.
        var run = await Task.Run(() => CliRun.Of(resolved)).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(run.ExitCode == 2, $"{mistake}: exit {run.ExitCode}\n{run.Errors}");
        Assert.True(run.Errors.Contains(expected, StringComparison.Ordinal), $"{mistake}: expected '{expected}' in\n{run.Errors}");
        Assert.DoesNotContain("   at ", run.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("`1", run.Errors, StringComparison.Ordinal);
        Assert.Equal(before, Listing());
    }

    private string Listing() => string.Join("\n", Directory.EnumerateFileSystemEntries(_folder, "*", SearchOption.AllDirectories)
        .Select(p => $"{p} {(File.Exists(p) ? new FileInfo(p).Length : -1)}").Order(StringComparer.Ordinal));
}
