using System.Text.Json;

namespace Selene.Cli.Tests;

public class EphemerisCommandTests
{
    [Fact]
    public void Each_step_gives_the_Moon_distance_light_time_and_per_site_link_and_sunlight()
    {
        var run = CliRun.Of("ephemeris", "--from", "2027-01-01", "--to", "2027-01-03", "--step", "12h", "--site", "shackleton-rim", "--json");

        Assert.Equal(0, run.ExitCode);
        var rows = JsonSerializer.Deserialize<JsonElement>(run.Out).EnumerateArray().ToList();
        Assert.Equal(5, rows.Count);
        Assert.Equal("2027-01-01T00:00:00Z", rows[0].GetProperty("utc").GetString());
        Assert.Equal("2027-01-03T00:00:00Z", rows[^1].GetProperty("utc").GetString());
        foreach (var row in rows)
        {
            Assert.InRange(row.GetProperty("moonDistanceKm").GetDouble(), 356_000, 407_000);
            var light = row.GetProperty("lightTimeSeconds").GetDouble();
            Assert.InRange(light, 1.18, 1.36);
            var site = Assert.Single(row.GetProperty("sites").EnumerateArray());
            Assert.Equal("shackleton-rim", site.GetProperty("name").GetString());
            Assert.InRange(site.GetProperty("sunElevationDegrees").GetDouble(), -3, 3);
            Assert.InRange(site.GetProperty("sunlitFraction").GetDouble(), 0, 1);
            Assert.InRange(site.GetProperty("lightTimeSeconds").GetDouble() - light, -0.03, 0.03);
        }
    }

    [Fact]
    public void The_table_names_every_column()
    {
        var run = CliRun.Of("ephemeris", "--from", "2027-01-01", "--to", "2027-01-01T12:00:00Z", "--step", "6h");
        Assert.Equal(0, run.ExitCode);
        foreach (var header in new[] { "UTC", "Moon km", "light s (centre)", "shackleton-rim: light s", "link", "Sun elev °", "sunlit" })
        {
            Assert.Contains(header, run.Out, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("a latitude beyond the pole", "    latitude: -88.74\n", "    latitude: -98.74\n", "sites[2].latitude")]
    [InlineData("a malformed horizon table", "    horizon: [[0, -1.9]]\n", "    horizon: [[90, 1], [45, 2]]\n", "sites[2].horizon")]
    public void A_bad_scenario_exits_2_naming_the_line_and_key(string because, string find, string replace, string field)
    {
        var folder = Path.Combine(Path.GetTempPath(), "selene-eph-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "manifests"));
        try
        {
            var examples = Selene.Testing.RepositoryPaths.Of("examples");
            foreach (var manifest in Directory.GetFiles(Path.Combine(examples, "manifests")))
            {
                File.Copy(manifest, Path.Combine(folder, "manifests", Path.GetFileName(manifest)));
            }

            var text = File.ReadAllText(Path.Combine(examples, "earth-moon.yaml"));
            Assert.Contains(find, text, StringComparison.Ordinal);
            var scenario = Path.Combine(folder, "edited.yaml");
            File.WriteAllText(scenario, text.Replace(find, replace, StringComparison.Ordinal));

            var run = CliRun.Of("ephemeris", "--from", "2027-01-01", "--to", "2027-01-02", "--step", "1h", "--scenario", scenario);

            Assert.True(run.ExitCode == 2, $"{because}: exit {run.ExitCode}");
            Assert.Matches($@"edited\.yaml:\d+:\d+: error: {System.Text.RegularExpressions.Regex.Escape(field)}", run.Errors);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("a date before 1900", "--from", "1899-12-31", "--to", "2027-01-01", "--step", "1d")]
    [InlineData("a date after 2100", "--from", "2027-01-01", "--to", "2101-01-02", "--step", "1d")]
    [InlineData("an end before the start", "--from", "2027-01-02", "--to", "2027-01-01", "--step", "1h")]
    [InlineData("a step that is not a duration", "--from", "2027-01-01", "--to", "2027-01-02", "--step", "often")]
    [InlineData("too many rows", "--from", "2027-01-01", "--to", "2060-01-01", "--step", "1s")]
    [InlineData("a date that is not a date", "--from", "yesterday", "--to", "2027-01-02", "--step", "1h")]
    [InlineData("an unknown site", "--from", "2027-01-01", "--to", "2027-01-02", "--step", "1h", "--site", "tycho")]
    [InlineData("an Earth site", "--from", "2027-01-01", "--to", "2027-01-02", "--step", "1h", "--site", "ashburn")]
    [InlineData("a missing scenario file", "--from", "2027-01-01", "--to", "2027-01-02", "--step", "1h", "--scenario", "nope.yaml")]
    public void Bad_input_exits_2_with_a_message(string because, params string[] args)
    {
        var run = CliRun.Of(["ephemeris", .. args]);
        Assert.True(run.ExitCode == 2, $"{because}: exit {run.ExitCode}");
        Assert.Contains("error", run.Errors, StringComparison.Ordinal);
    }
}
