using System.Diagnostics;
using Selene.Testing;

namespace Selene.Cli.Tests;

/// <summary>The built executable, run as a user runs it: exit codes and streams of a real process.</summary>
public class ProcessTests
{
    [Fact]
    public void The_executable_exits_2_on_bad_input_and_0_on_a_short_run_with_redirected_output()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "selene.dll");
        var output = Path.Combine(Path.GetTempPath(), "selene-process-" + Guid.NewGuid().ToString("N"));
        try
        {
            var bad = Run(dll, "simulate", "no-such-file.yaml");
            Assert.Equal(2, bad.Code);
            Assert.Contains("no-such-file.yaml: error: SCENARIO", bad.Errors, StringComparison.Ordinal);

            var good = Run(dll, "simulate", RepositoryPaths.Of("examples/earth-moon.yaml"), "--days", "0.02", "--out", output);
            Assert.Equal(0, good.Code);
            Assert.Contains("Accounting:", good.Out, StringComparison.Ordinal);
            Assert.DoesNotContain("\u001b[", good.Out, StringComparison.Ordinal); // no progress bar or colour when redirected
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    private static (int Code, string Out, string Errors) Run(string dll, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "selene did not finish");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
