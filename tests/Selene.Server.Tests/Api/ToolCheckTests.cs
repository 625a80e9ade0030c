using System.Diagnostics;
using Selene.Server.Tests.Security;

namespace Selene.Server.Tests.Api;

/// <summary>
/// The service's documents checked by the tools their readers use: Redocly's recommended rules on the OpenAPI document
/// (through redocly.yaml and its ignore file), and Prometheus's own promtool on /metrics. .ci/run installs both.
/// </summary>
public sealed class ToolCheckTests : IAsyncLifetime, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("selene-tools-").FullName;
    private TestService _service = null!;

    public async Task InitializeAsync() => _service = await TestService.StartAsync(TestService.EveryPart);

    public async Task DisposeAsync() => await _service.DisposeAsync();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Redocly_s_recommended_rules_find_no_error_and_no_warning_in_the_OpenAPI_document()
    {
        using var http = _service.Client(TestTokens.Viewer);
        await File.WriteAllTextAsync(Path.Combine(_folder, "openapi.json"), await http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        foreach (var config in new[] { "redocly.yaml", ".redocly.lint-ignore.yaml" })
        {
            File.Copy(Selene.Testing.RepositoryPaths.Of(config), Path.Combine(_folder, config));
        }

        var redocly = Environment.GetEnvironmentVariable("REDOCLY") is { Length: > 0 } named ? named : Selene.Testing.RepositoryPaths.Of(".ci/tools/node_modules/.bin/redocly");
        var (exit, output) = await Run(redocly, "the OpenAPI lint uses @redocly/cli from npm: npm install --prefix .ci/tools @redocly/cli@2.77.0, or run .ci/run", null, ["lint", "openapi.json"]);

        // Redocly exits 0 on warnings; its summary counts them ("You have 3 warnings", "failed with 3 errors and 76 warnings").
        Assert.True(exit == 0 && output.Contains("Your API description is valid", StringComparison.Ordinal)
            && !System.Text.RegularExpressions.Regex.IsMatch(output, "[0-9]+ (warning|error)s?\\b"), output);
    }

    [Fact]
    public async Task Promtool_finds_nothing_to_say_about_the_metrics()
    {
        using var http = _service.Client(TestTokens.Viewer);
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var promtool = Environment.GetEnvironmentVariable("PROMTOOL") is { Length: > 0 } named ? named : "promtool";

        var (exit, output) = await Run(promtool, "the metrics check uses promtool from Debian's prometheus package: apt-get install prometheus, or run .ci/run", metrics, ["check", "metrics"]);

        Assert.True(exit == 0 && output.Trim().Length == 0, output);
    }

    private async Task<(int Exit, string Output)> Run(string program, string missing, string? input, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = _folder, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Fail($"{program} is not installed here; {missing}");
            throw;
        }

        using (process)
        {
            if (input is not null)
            {
                await process.StandardInput.WriteAsync(input);
                process.StandardInput.Close();
            }

            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
            return (process.ExitCode, await output + await errors);
        }
    }
}
