namespace Selene.Cli.Tests;

/// <summary>What <c>selene serve</c> refuses before it starts: exit code 2 and a message naming the option or file.</summary>
public sealed class ServeCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("selene-serve-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("NaN")]
    public void A_speed_that_is_not_a_positive_number_is_refused(string speed)
    {
        var run = CliRun.Of("serve", "--scenario", "earth-moon", "--speed", speed);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--speed", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scenario_with_an_error_is_refused_with_its_file_line_and_field()
    {
        var file = Path.Combine(_folder, "broken.yaml");
        File.WriteAllText(file, "name: broken\nduration: soon\n");
        var run = CliRun.Of("serve", "--scenario", file);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("broken.yaml:2", run.Errors, StringComparison.Ordinal);
        Assert.Contains("duration", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_scenario_name_is_refused()
    {
        var run = CliRun.Of("serve", "--scenario", "no-such-scenario");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no built-in scenario of that name", run.Errors, StringComparison.Ordinal);
    }
}
