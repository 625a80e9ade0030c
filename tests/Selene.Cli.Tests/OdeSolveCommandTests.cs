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
    public void A_20_000_state_model_runs_with_an_explicit_method_and_a_stiff_method_s_dense_matrices_are_refused_before_they_are_made()
    {
        var states = Enumerable.Range(0, 20_000).ToList();
        var file = Path.Combine(Path.GetTempPath(), $"selene-chain-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, "name: chain\nstates: {" + string.Join(", ", states.Select(i => $"x{i}: 1")) + "}\nrhs:\n"
            + string.Concat(states.Select(i => $"  dx{i}: -x{i}" + (i > 0 ? $" + 0.5*x{i - 1}" : "") + "\n")) + "span: [0, 0.1]\n");
        try
        {
            var stiff = CliRun.Of("ode", "solve", "--model", file, "--method", "rodas4");
            Assert.Equal(2, stiff.ExitCode);
            Assert.Contains($"{file}: error: states: 20,000 states with rodas4 need 3 dense 20,000×20,000 matrices, 8.9 GiB, over the limit of 2,048 MiB (--max-matrix-mib)", stiff.Errors, StringComparison.Ordinal);

            var explicitMethod = CliRun.Of("ode", "solve", "--model", file, "--method", "dopri5", "--json");
            Assert.Equal(0, explicitMethod.ExitCode);
            var state = JsonSerializer.Deserialize<JsonElement>(explicitMethod.Out).GetProperty("state");
            Assert.Equal(Math.Exp(-0.1), state[0].GetDouble(), 6);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void An_explicit_method_on_a_stiff_problem_stops_with_a_stiffness_hint()
    {
        var run = CliRun.Of("ode", "solve", "--problem", "rober", "--method", "dopri5", "--max-steps", "5000");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("appears stiff", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_file_is_solved_like_a_built_in_problem()
    {
        var run = CliRun.Of("ode", "solve", "--model", Selene.Testing.RepositoryPaths.Of("examples/models/rober.yaml"), "--method", "rodas4",
            "--rtol", "1e-8", "--atol", "1e-16", "--json");
        Assert.Equal(0, run.ExitCode);
        var state = JsonSerializer.Deserialize<JsonElement>(run.Out).GetProperty("state").EnumerateArray().Select(e => e.GetDouble()).ToList();
        Assert.True(Math.Abs(state[0] - 0.2083340149701255e-7) / 0.2083340149701255e-7 <= 1e-6);
    }

    [Fact]
    public void Events_declared_in_a_model_are_located_and_listed()
    {
        var run = CliRun.Of("ode", "solve", "--model", Selene.Testing.RepositoryPaths.Of("examples/models/bouncing-ball.yaml"),
            "--rtol", "1e-10", "--atol", "1e-12", "--json");
        Assert.Equal(0, run.ExitCode);
        var events = JsonSerializer.Deserialize<JsonElement>(run.Out).GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(4, events.Count);
        Assert.Equal(Math.Sqrt(20 / 9.81), events[0].GetProperty("time").GetDouble(), 7);
    }

    [Fact]
    public void A_malformed_model_exits_2_naming_line_column_and_key()
    {
        var path = Path.Combine(Path.GetTempPath(), "selene-model-" + Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(path, "name: bad\nstates: {x: 1}\nrhs:\n  dx: -x +* 2\n");
        try
        {
            var run = CliRun.Of("ode", "solve", "--model", path);
            Assert.Equal(2, run.ExitCode);
            Assert.Contains($"{path}:4:11: error: rhs.dx: unexpected '*'", run.Errors, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("both a problem and a model", "--problem", "hires", "--model", "x.yaml")]
    [InlineData("a model file that does not exist", "--model", "no-such-model.yaml")]
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
