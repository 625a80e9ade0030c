using System.Text.Json;

namespace Selene.Cli.Tests;

public sealed class ContactsCommandTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("selene-contacts-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Fact]
    public void The_built_in_plan_is_printed_and_written_as_csv_json_and_a_coverage_plot()
    {
        var run = CliRun.Of("contacts", "--days", "30", "--out", _out);

        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Contains("shackleton-rim: a path to Earth 96.5 % of the plan with the relays, 58.7 % by the direct link alone.", run.Out, StringComparison.Ordinal);
        Assert.Contains("elfo-relay", run.Out, StringComparison.Ordinal);

        var csv = File.ReadAllLines(Path.Combine(_out, "contacts.csv"));
        var json = JsonSerializer.Deserialize<JsonElement>(File.ReadAllText(Path.Combine(_out, "contacts.json")));
        var contacts = json.GetProperty("contacts").EnumerateArray().ToList();
        Assert.Equal(contacts.Count + 1, csv.Length);
        Assert.All(contacts, c =>
        {
            Assert.True(c.GetProperty("endSeconds").GetDouble() > c.GetProperty("startSeconds").GetDouble());
            Assert.InRange(c.GetProperty("owltSeconds").GetDouble(), 0.001, 1.45);
            Assert.Equal(100e6, c.GetProperty("rateBitsPerSecond").GetDouble());
        });
        var rim = Assert.Single(json.GetProperty("connectivity").EnumerateArray());
        Assert.InRange(rim.GetProperty("withRelays").GetDouble(), 0.95, 1);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(_out, "coverage.png"))[..4]);
    }
}
