using System.Text.Json;

namespace Selene.Cli.Tests;

public sealed class SizeCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "selene-size-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void Sizing_through_the_night_gives_area_energy_and_mass_a_check_that_never_goes_dark_and_a_plot()
    {
        var run = CliRun.Of("size", "--site", "shackleton-rim", "--gpus", "8", "--gpu-type", "H100", "--through-night", "--json", "--out", _folder);

        Assert.Equal(0, run.ExitCode);
        var sizing = JsonSerializer.Deserialize<JsonElement>(run.Out);
        Assert.Equal("shackleton-rim", sizing.GetProperty("site").GetString());
        Assert.True(sizing.GetProperty("arraySquareMetres").GetDouble() > 0);
        // Full power (8 × 700 W + 400 W) across the longest dark stretch at least, through the discharge efficiency.
        Assert.True(sizing.GetProperty("storageKilowattHours").GetDouble() >= 6.0 * sizing.GetProperty("longestDarkHours").GetDouble() / 0.97);
        Assert.Equal(sizing.GetProperty("arrayKilograms").GetDouble() + sizing.GetProperty("storageKilograms").GetDouble() + sizing.GetProperty("radiatorKilograms").GetDouble(),
            sizing.GetProperty("totalKilograms").GetDouble(), 6);
        Assert.Equal(1, sizing.GetProperty("availability").GetDouble(), 3);
        Assert.Equal(0, sizing.GetProperty("blackoutHours").GetDouble());
        var plot = File.ReadAllBytes(sizing.GetProperty("plot").GetString()!);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], plot[..4]);
    }

    [Theory]
    [InlineData("H100", 64)]
    [InlineData("B200", 64)]
    public void Sixty_four_GPUs_through_the_night_are_sized_so_the_year_s_check_runs_them_at_least_95_percent(string gpu, int gpus)
    {
        var run = CliRun.Of("size", "--site", "shackleton-rim", "--gpus", gpus.ToString(System.Globalization.CultureInfo.InvariantCulture), "--gpu-type", gpu, "--through-night", "--json", "--out", _folder);

        Assert.Equal(0, run.ExitCode);
        var sizing = JsonSerializer.Deserialize<JsonElement>(run.Out);
        Assert.True(sizing.GetProperty("workShare").GetDouble() >= 0.95, $"{gpu}: {sizing}");
        Assert.Equal(0, sizing.GetProperty("blackoutHours").GetDouble());
        // 64 GPUs draw 45 kW (H100) or more: far beyond the default 16 m² radiator, which once throttled them to 19% of the year.
        Assert.True(sizing.GetProperty("radiatorSquareMetres").GetDouble() > 16, $"{gpu}: {sizing}");
    }

    [Fact]
    public void A_request_no_array_and_battery_can_meet_exits_2_saying_why()
    {
        var run = CliRun.Of("size", "--site", "shackleton-rim", "--gpus", "20000", "--gpu-type", "B200", "--through-night", "--out", _folder);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--gpus: 20000 × B200 at 'shackleton-rim' through the night cannot be sized", run.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a site on Earth", "--site", "ashburn", "--gpus", "8", "--gpu-type", "H100")]
    [InlineData("no GPUs", "--site", "shackleton-rim", "--gpus", "0", "--gpu-type", "H100")]
    [InlineData("a GPU type without power states", "--site", "shackleton-rim", "--gpus", "8", "--gpu-type", "TPU-v9")]
    [InlineData("a negative mass per kilowatt", "--site", "shackleton-rim", "--gpus", "8", "--gpu-type", "H100", "--kg-per-kw", "-1")]
    public void Bad_arguments_exit_2_with_a_message(string because, params string[] args)
    {
        var run = CliRun.Of(["size", .. args, "--out", _folder]);
        Assert.True(run.ExitCode == 2, $"{because}: exit {run.ExitCode}, {run.Errors}");
        Assert.Contains("error", run.Errors, StringComparison.Ordinal);
    }
}
