using System.Diagnostics;
using System.Text.RegularExpressions;
using Selene.Testing;

namespace Selene.Cli.Tests;

/// <summary>
/// The outputs the README shows are what selene prints today: each example of a command that needs no service, no
/// network and no timing is run from the repository's root (writing to its git-ignored out/, as the README's runs
/// did) and compared line by line, wall-clock figures masked.
/// </summary>
public sealed partial class ReadmeExampleTests
{
    // The commands whose outputs are deterministic; the others (serve, split's profiling, moderate's elided list) are not.
    private static readonly string[] s_reproducible = ["simulate", "schedule", "ephemeris", "contacts", "size", "ode solve", "engine"];

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var (command, _) in Blocks())
        {
            data.Add(command);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task A_README_example_shows_what_the_command_prints(string command)
    {
        var expected = Blocks().Single(b => b.Command == command).Output;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepositoryPaths.Of("."), RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "selene.dll"));
        foreach (var argument in command.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        var actual = Mask((await errors) + (await output));

        Assert.True(Mask(expected) == actual, $"The README's output of `selene {command}` is stale; it prints now:\n{actual}");
    }

    // The README's ```text blocks whose first line runs one of the reproducible commands, with the output below it.
    private static IEnumerable<(string Command, string Output)> Blocks()
    {
        var readme = File.ReadAllText(RepositoryPaths.Of("README.md")).ReplaceLineEndings("\n");
        foreach (Match block in Block().Matches(readme))
        {
            var lines = block.Groups[1].Value.Split('\n');
            var command = Prompt().Match(lines[0]) is { Success: true } prompt ? prompt.Groups[1].Value.Trim() : null;
            // A file the example names but the repository does not hold (a user's broken.yaml) makes it an illustration.
            if (command is not null && s_reproducible.Any(r => command.StartsWith(r, StringComparison.Ordinal)) && lines.Skip(1).All(l => !l.StartsWith("$ ", StringComparison.Ordinal))
                && command.Split(' ').Where(a => a.EndsWith(".yaml", StringComparison.Ordinal)).All(a => File.Exists(RepositoryPaths.Of(a))))
            {
                yield return (command, string.Join('\n', lines.Skip(1)));
            }
        }
    }

    private static string Mask(string text) => string.Join('\n', PlanTime().Replace(WallTime().Replace(Milliseconds().Replace(text.ReplaceLineEndings("\n"), "… ms wall time"), "in … wall time"), "in … s:")
        .Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0));

    [GeneratedRegex("```text\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex Block();

    [GeneratedRegex(@"^\$ (?:dotnet run --project src/Selene\.Cli -- |selene )(.*)$")]
    private static partial Regex Prompt();

    [GeneratedRegex(@"in [0-9.]+ s wall time \([0-9,]+ events, [0-9,]+ events/s\)")]
    private static partial Regex WallTime();

    [GeneratedRegex(@"in [0-9.]+ s:")]
    private static partial Regex PlanTime();

    [GeneratedRegex(@"[0-9.]+ ms wall time")]
    private static partial Regex Milliseconds();
}
