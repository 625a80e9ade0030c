using Selene.Astro.Sites;
using Selene.Power.Gpus;
using Selene.Power.Sizing;

namespace Selene.Power.Tests;

public class PowerSizerTests
{
    private static readonly SurfaceSite s_equator = new("equator", SiteKind.Moon, 0, 0);

    [Fact]
    public void Through_the_night_the_battery_carries_full_power_across_the_longest_dark_and_the_check_never_goes_dark()
    {
        var h100 = GpuPowerModel.BuiltIn("H100")!;
        var sizing = PowerSizer.Size(s_equator, 8, h100, throughNight: true, Sites.Sunlight(365, 600));
        var fullKw = (400 + (8 * 700)) / 1000.0;

        // The lunar night at the equator: about 354 h (shared/reference/space-anchors.md, 14.77 days).
        Assert.InRange(sizing.LongestDarkHours, 340, 360);
        // At least the night's energy at full power, drawn through the discharge efficiency, above a 10% floor.
        Assert.True(sizing.StorageKilowattHours >= fullKw * sizing.LongestDarkHours / 0.97 / 0.9, $"{sizing.StorageKilowattHours:0} kWh");
        Assert.InRange(sizing.Check.Availability, 0.999, 1);
        Assert.Equal(0, sizing.Check.BlackoutSeconds);
        Assert.InRange(Math.Abs(sizing.Check.BalanceError), 0, 1e-9);
        Assert.Equal(sizing.ArrayKilograms + sizing.StorageKilograms + sizing.RadiatorKilograms, sizing.TotalKilograms);
    }

    [Fact]
    public void By_day_only_the_GPUs_go_dark_at_night_for_a_fraction_of_the_mass()
    {
        var h100 = GpuPowerModel.BuiltIn("H100")!;
        var night = PowerSizer.Size(s_equator, 8, h100, throughNight: true, Sites.Sunlight(365, 600));
        var day = PowerSizer.Size(s_equator, 8, h100, throughNight: false, Sites.Sunlight(365, 600));

        Assert.InRange(day.Check.Availability, 0.45, 0.55);
        Assert.Equal(0, day.Check.BlackoutSeconds);
        // The battery now only carries the rest of the node and its heater (400 + 500 W) through the night.
        Assert.InRange(day.StorageKilowattHours, 0.9 * day.LongestDarkHours / 0.97 / 0.9, 0.9 * day.LongestDarkHours * 1.5);
        Assert.True(day.TotalKilograms < night.TotalKilograms / 3, $"{day.TotalKilograms:0} kg by day, {night.TotalKilograms:0} kg through the night");
    }
}
