using System.Diagnostics;
using System.Text.RegularExpressions;
using Selene.Testing;

namespace Selene.Cli.Tests;

/// <summary>
/// Every kind of YAML the command line reads is fed the same hostile inputs; each is refused with exit code 2 and an
/// error naming the file, line and field, quickly and without eating memory.
/// </summary>
public sealed class HostileYamlTests : IDisposable
{
    private static readonly string Image = Path.Combine(RepositoryPaths.PdqReference, "reg-test-input", "dih", "bridge-1-original.jpg");
    private readonly string _folder = Directory.CreateTempSubdirectory("selene-hostile-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // Each kind: the lines a real file of that kind starts with, the command that reads it, and the option that names it.
    private static readonly Dictionary<string, (string Header, Func<string, string[]> Command, string Option)> s_kinds = new()
    {
        ["scenario"] = ("name: hostile\nseed: 1\n", file => ["simulate", file], "SCENARIO"),
        ["manifest"] = ("apiVersion: v1\nkind: Pod\n", file => ["schedule", "-f", file], "-f"),
        ["scheduler configuration"] = ("apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n", file => ["schedule", "-f", file], "-f"),
        ["moderation policy"] = ("tenants: {}\n", file => ["moderate", Image, "--policy", file], "--policy"),
        ["ODE model"] = ("name: hostile\n", file => ["ode", "solve", "--model", file, "--method", "dopri5"], "--model"),
    };

    // Each input: the text after the header (null for a file or device named as it is), and the field the error names.
    private static readonly Dictionary<string, (Func<string>? Text, string Field)> s_inputs = new()
    {
        ["nesting 100,000 deep"] = (() => HostileYaml.Nested(100_000, "deep"), "deep[0][0]"),
        ["an alias bomb"] = (() => HostileYaml.AliasBomb(), "a4["),
        ["a malformed flow mapping"] = (() => HostileYaml.MalformedFlowMapping, "a.b"),
        ["a 65 MiB file"] = (null, ""),
        ["/dev/zero"] = (null, ""),
    };

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var kind in s_kinds.Keys)
        {
            foreach (var input in s_inputs.Keys)
            {
                cases.Add(kind, input);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_hostile_file_of_every_yaml_kind_exits_2_naming_line_and_field_within_2_s_and_200_MB(string kind, string input)
    {
        var (header, command, option) = s_kinds[kind];
        var (text, field) = s_inputs[input];
        var file = input switch
        {
            "/dev/zero" => "/dev/zero",
            "a 65 MiB file" => HostileYaml.FileOfSize(Path.Combine(_folder, "huge.yaml"), 65L * 1024 * 1024),
            _ => Path.Combine(_folder, "hostile.yaml"),
        };
        if (text is not null)
        {
            File.WriteAllText(file, header + text());
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var run = CliRun.Of(command(file));
        clock.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.True(run.ExitCode == 2, $"{kind}, {input}: exit {run.ExitCode}\n{run.Errors}");
        var located = text is null
            ? $"{Regex.Escape(file)}: error: {Regex.Escape(option)}: "
            : $"{Regex.Escape(file)}:[0-9]+:[0-9]+: error: {Regex.Escape(field)}";
        Assert.True(Regex.IsMatch(run.Errors, located), $"{kind}, {input}: expected {located} in\n{run.Errors}");
        Assert.DoesNotContain("   at ", run.Errors, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"{kind}, {input}: took {clock.Elapsed}");
        Assert.True(allocated < 200L * 1024 * 1024, $"{kind}, {input}: allocated {allocated / (1024 * 1024)} MiB");
    }
}
