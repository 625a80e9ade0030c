using System.Text.Json;

namespace Selene.Cli.Tests;

public class OdeSolveCommandTests
{
    [Fact]
    public void Solving_a_built_in_problem_prints_the_end_state_its_error_and_the_statistics()
    {
        var run = CliRun.Of("ode", "solve", "--problem", "rober", "--method", "rodas4", "--rtol", "1e-8", "--atol", "1e-16", "--json");

        Assert.Equal(0, run.ExitCode);
        var result = JsonSerializer.Deserialize<JsonElement>(run.Out);
        Assert.Equal("rober", result.GetProperty("problem").GetString());
        Assert.Equal(1e11, result.GetProperty("tEnd").GetDouble());
        var errors = result.GetProperty("relativeErrors").EnumerateArray().Select(e => e.GetDouble()).ToList();
        Assert.True(errors[0] < 1e-6 && errors[2] < 1e-6, string.Join(", ", errors));
        var stats = result.GetProperty("statistics");
        Assert.True(stats.GetProperty("acceptedSteps").GetInt64() > 0);
        Assert.True(stats.GetProperty("luFactorizations").GetInt64() >= stats.GetProperty("acceptedSteps").GetInt64());
    }

    [Fact]
    public void The_table_shows_each_component_against_its_reference()
    {
        var run = CliRun.Of("ode", "solve", "--problem", "lotka-volterra", "--method", "tsit5", "--rtol", "1e-10", "--atol", "1e-12");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("lotka-volterra with tsit5 to t = 10", run.Out, StringComparison.Ordinal);
        Assert.Contains("1.02634476757", run.Out, StringComparison.Ordinal);
        Assert.Contains("RHS evaluations", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_explicit_method_on_a_stiff_problem_stops_with_a_stiffness_hint()
    {
        var run = CliRun.Of("ode", "solve", "--problem", "rober", "--method", "dopri5", "--max-steps", "5000");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("appears stiff", run.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("an unknown problem", "--problem", "brusselator")]
    [InlineData("an unknown method", "--problem", "hires", "--method", "rk45")]
    [InlineData("a negative tolerance", "--problem", "hires", "--rtol", "-1")]
    [InlineData("no problem at all", "--method", "dopri5")]
    [InlineData("a zero-length span", "--problem", "hires", "--t-end", "0")]
    public void Bad_input_exits_2(string because, params string[] args)
    {
        var run = CliRun.Of(["ode", "solve", .. args]);
        Assert.True(run.ExitCode == 2, $"{because}: exit {run.ExitCode}: {run.Errors}");
    }
}
