using Selene.Astro.Sunlight;
using Selene.Astro.Time;
using Selene.Power.Control;
using Selene.Power.Simulation;
using Selene.Power.Sites;
using Selene.Power.Storage;

namespace Selene.Power.Tests;

public class PowerSimulationTests
{
    [Theory]
    [InlineData(PowerPolicy.Greedy, false)]
    [InlineData(PowerPolicy.Reserve, false)]
    [InlineData(PowerPolicy.Predictive, false)]
    [InlineData(PowerPolicy.Predictive, true)]
    public void Over_a_year_energy_in_is_energy_used_plus_the_change_in_storage_plus_losses_and_curtailment(PowerPolicy policy, bool smes)
    {
        var storage = smes ? StorageSpec.SuperconductingMagnetic(150, 300) : StorageSpec.LithiumIon(150);
        var spec = Sites.ShackletonRim(storage);
        var result = PowerSimulation.Run(spec, SolarProfile.Of(spec, Sites.Sunlight(365)), policy);

        Assert.True(result.EnergyIn > 1e11, $"{result.EnergyIn:E3} J in");
        Assert.True(result.EnergyLosses > 0 && result.EnergyCurtailed > 0);
        Assert.InRange(Math.Abs(result.BalanceError), 0, 1e-9);
    }

    [Theory]
    [InlineData(PowerPolicy.Greedy)]
    [InlineData(PowerPolicy.Reserve)]
    [InlineData(PowerPolicy.Predictive)]
    public void GPUs_that_arrive_during_the_run_draw_power_and_work_from_when_they_come_online(PowerPolicy policy)
    {
        // Eight GPUs from the start and eight more landed on day 5 of 10, with power and heat rejection to spare.
        var spec = Sites.Equatorial(StorageSpec.LithiumIon(5000)) with
        {
            Array = Sites.Equatorial().Array with { AreaSquareMetres = 300 },
            Thermal = Selene.Power.Thermal.ThermalSpec.Node(80),
            ReserveFraction = 0,
        };
        var solar = SolarProfile.Of(spec, Sites.Sunlight(10));
        var alone = PowerSimulation.Run(spec, solar, policy, new PowerRunOptions { BinSeconds = 86_400 });
        var joined = PowerSimulation.Run(spec with { GpuArrivals = [(5 * 86_400.0, 8)] }, solar, policy, new PowerRunOptions { BinSeconds = 86_400 });

        Assert.Equal(8 * 240, alone.WorkGpuHours, 0.01 * 8 * 240);
        Assert.Equal((8 * 240) + (8 * 120), joined.WorkGpuHours, 0.01 * 16 * 240);
        Assert.True(joined.GpuWatts[7] > 1.9 * joined.GpuWatts[2], $"day 3 {joined.GpuWatts[2]:0} W, day 8 {joined.GpuWatts[7]:0} W");
        Assert.InRange(Math.Abs(joined.BalanceError), 0, 1e-9);
    }

    [Fact]
    public void An_equatorial_site_without_storage_has_its_GPUs_dark_about_half_the_time()
    {
        var spec = Sites.Equatorial();
        var result = PowerSimulation.Run(spec, SolarProfile.Of(spec, Sites.Sunlight(365)), PowerPolicy.Greedy);

        Assert.InRange(result.Availability, 0.45, 0.52);
        Assert.InRange(Math.Abs(result.BalanceError), 0, 1e-9);
    }

    [Fact]
    public void A_polar_site_without_storage_runs_as_long_as_its_horizon_lets_the_Sun_through()
    {
        var spec = Sites.ShackletonRim(null);
        var sunlight = Sites.Sunlight(365);
        var profile = SolarProfile.Of(spec, sunlight);
        var result = PowerSimulation.Run(spec, profile, PowerPolicy.Greedy);

        // Illumination from Selene.Astro over the same year, sampled every 10 min: the mean share of the Sun's disk in
        // view, and the share of the time any of it is. With the Sun skimming the horizon a large part of the year is
        // spent with the disk partly hidden, and the array still gives enough to run some GPUs then.
        var from = AstroTime.FromUtc(Sites.Start);
        var to = AstroTime.FromUtc(Sites.Start.AddDays(365));
        var illumination = SunlightCalculator.IlluminationFraction(spec.Site, from, to, 600);
        var lit = SunlightCalculator.Timeline(spec.Site, from, to, 600).Where(p => p.Day).Sum(p => (p.End - p.Start).TotalDays) / 365;
        Assert.InRange(illumination, 0.6, 0.95);
        Assert.InRange(result.Availability, illumination - 0.01, lit + 0.01);
    }

    [Fact]
    public void A_battery_reaching_its_floor_switches_the_GPUs_off_at_that_moment_not_at_the_next_output()
    {
        // Night all day (no sunlight), a 10 kWh battery, eight H100s at full power and 800 W for the rest of the node.
        // dE/dt = -P/ηd - kE until the floor (10%), then -800 W/ηd - kE: closed forms to compare with.
        var spec = Sites.Equatorial(StorageSpec.LithiumIon(10)) with { Thermal = Sites.Thermal with { HeatCapacityJoulesPerKelvin = 1e15 } };
        var profile = SolarProfile.FromSamples(60, new double[1441], Enumerable.Repeat(100.0, 1441).ToArray());
        var result = PowerSimulation.Run(spec, profile, PowerPolicy.Greedy);

        var battery = spec.Storage!;
        var k = battery.StandbyLossPerDay / 86_400;
        var e0 = battery.CapacityJoules;
        var floor = e0 * battery.FloorFraction;
        double Decay(double from, double watts, double seconds) =>
            ((from + (watts / battery.DischargeEfficiency / k)) * Math.Exp(-k * seconds)) - (watts / battery.DischargeEfficiency / k);
        var full = spec.FullWatts;
        var atFloor = -Math.Log((floor + (full / battery.DischargeEfficiency / k)) / (e0 + (full / battery.DischargeEfficiency / k))) / k;

        var empty = atFloor - (Math.Log((0 + (spec.BaseWatts / battery.DischargeEfficiency / k)) / (floor + (spec.BaseWatts / battery.DischargeEfficiency / k))) / k);

        var atFloorFound = result.Events.First(e => e.Name == "floor").Seconds;
        Assert.Equal(atFloor, atFloorFound, 0.05);
        Assert.NotEqual(0, atFloorFound % result.BinSeconds, 1.0);
        // From the floor on only the rest of the node draws: the store empties when that load alone takes the rest.
        // Had the GPUs stayed on to the bin's end (7,200 s), it would have emptied before 5,500 s.
        Assert.Equal(empty, result.Events.First(e => e.Name == "empty").Seconds, 0.05);
        Assert.Equal(Decay(floor, spec.BaseWatts, 60), Decay(Decay(e0, full, atFloor), spec.BaseWatts, 60), 1e-3);
        Assert.Equal(0, result.StoredAtEnd, 1e-6 * e0);
        Assert.InRange(result.BlackoutSeconds, 86_400 - empty - 1, 86_400 - empty + 1);
        Assert.InRange(Math.Abs(result.BalanceError), 0, 1e-9);
    }

    [Fact]
    public void Model_predictive_control_does_at_least_the_greedy_work_without_dipping_into_the_reserve()
    {
        // Two lunar days and nights at the equator (ending in daylight, both stores full again), with a battery that
        // carries the node through the night above a 20% reserve but cannot carry full power: greedy runs flat out
        // until the floor, the predictive controller spreads the night's energy at a lower cap. (With a 30% reserve the
        // two come out level: the larger reserve leaves less room to bank the day's sunlight.)
        var spec = Sites.Equatorial(StorageSpec.LithiumIon(1500)) with { BaseWatts = 400, ReserveFraction = 0.2 };
        var profile = SolarProfile.Of(spec, Sites.Sunlight(58));
        var greedy = PowerSimulation.Run(spec, profile, PowerPolicy.Greedy);
        var reserve = PowerSimulation.Run(spec, profile, PowerPolicy.Reserve);
        var predictive = PowerSimulation.Run(spec, profile, PowerPolicy.Predictive);

        Assert.True(greedy.BelowReserveSeconds > 86_400, $"greedy below the reserve {greedy.BelowReserveSeconds / 86_400:0.0} days");
        Assert.Equal(0, predictive.BelowReserveSeconds);
        Assert.Equal(0, predictive.BlackoutSeconds);
        Assert.True(predictive.WorkGpuHours >= greedy.WorkGpuHours, $"predictive {predictive.WorkGpuHours:0} GPU-h, greedy {greedy.WorkGpuHours:0}");
        Assert.True(predictive.WorkGpuHours >= reserve.WorkGpuHours, $"predictive {predictive.WorkGpuHours:0} GPU-h, reserve {reserve.WorkGpuHours:0}");
    }

    [Theory]
    [InlineData(PowerPolicy.Reserve)]
    [InlineData(PowerPolicy.Predictive)]
    public void The_results_do_not_hang_on_the_longest_integration_step(PowerPolicy policy)
    {
        // The sunlight is interpolated between minute samples and every mode change is a located event, so an hour's
        // longest step and a five-minute one must tell the same story.
        var spec = Sites.ShackletonRim(StorageSpec.LithiumIon(2000)) with { BaseWatts = 400, ReserveFraction = 0.2 };
        var profile = SolarProfile.Of(spec, Sites.Sunlight(120));
        var coarse = PowerSimulation.Run(spec, profile, policy, new PowerRunOptions { MaxStepSeconds = 3600 });
        var fine = PowerSimulation.Run(spec, profile, policy, new PowerRunOptions { MaxStepSeconds = 300, RelativeTolerance = 1e-8 });

        Assert.Equal(fine.WorkGpuHours, coarse.WorkGpuHours, fine.WorkGpuHours * 1e-3);
        Assert.Equal(fine.Availability, coarse.Availability, 1e-3);
        Assert.Equal(fine.StoredAtEnd, coarse.StoredAtEnd, spec.Storage!.CapacityJoules * 1e-3);
        Assert.Equal(fine.Events.Select(e => e.Name), coarse.Events.Select(e => e.Name));
    }
}
