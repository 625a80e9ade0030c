using Selene.Astro.Sites;
using Selene.Astro.Sunlight;
using Selene.Power.Control;
using Selene.Power.Gpus;
using Selene.Power.Simulation;
using Selene.Power.Sites;
using Selene.Power.Solar;
using Selene.Power.Storage;
using Selene.Power.Thermal;

namespace Selene.Power.Sizing;

/// <summary>
/// Sizes a lunar site's array and battery for its GPUs over a year of its sunlight, for the least mass: through the
/// night (the GPUs at full power all the time) or by day only (the GPUs dark at night, the battery carrying the rest
/// of the node and its heater). For each array area on a grid the least battery that never goes below its floor is found by
/// bisection on a minute-by-minute energy recurrence; the lightest pair, with the storage margin, is then run
/// through the full power model to check it.
/// </summary>
public static class PowerSizer
{
    private const int AreaSteps = 40;

    /// <summary>Sizes the system; <paramref name="sunlight"/> is a year (or the span to size for) of samples.</summary>
    public static PowerSizing Size(SurfaceSite site, int gpus, GpuPowerModel gpu, bool throughNight, SunlightSeries sunlight, SizingAssumptions? assumptions = null)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(gpu);
        ArgumentNullException.ThrowIfNull(sunlight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(gpus);
        assumptions ??= new SizingAssumptions();
        var unitArray = new SolarArraySpec(1, 0.3, 0.005, 0.01, -0.0035, ArrayMount.Tracking);
        var battery = StorageSpec.LithiumIon(1);
        var thermal = ThermalSpec.Node();
        var unit = new SitePowerSpec(site.Name, site, unitArray, null, thermal, gpus, gpu, assumptions.BaseWatts, 0);
        var perSquareMetre = SolarProfile.Of(unit, sunlight);
        var watts = perSquareMetre.Watts.ToArray();
        var step = perSquareMetre.StepSeconds;
        var full = unit.FullWatts;

        var lit = watts.Count(w => w > 0);
        if (lit == 0)
        {
            throw new ArgumentException($"site '{site.Name}' sees no sunlight in the span: nothing to size");
        }

        // By day only, the night's load is the rest of the node and the heater that keeps it warm with the GPUs off.
        var load = throughNight ? full : assumptions.BaseWatts + thermal.HeaterWatts;

        // From the least area whose yearly energy covers the load, to eight times it.
        var meanPerSquareMetre = watts.Average();
        var least = Math.Max(full / watts.Max(), (throughNight ? full : load + (full * lit / watts.Length)) / meanPerSquareMetre);
        (double Area, double Kwh, double Mass)? lightest = null;
        for (var k = 0; k < AreaSteps; k++)
        {
            var area = least * Math.Pow(8, k / (double)(AreaSteps - 1));
            var kwh = LeastStorage(watts, step, area, full, load, battery, throughNight);
            if (double.IsNaN(kwh))
            {
                continue;
            }

            var mass = Mass(area, kwh * (1 + assumptions.StorageMargin), unitArray, assumptions);
            if (lightest is null || mass < lightest.Value.Mass)
            {
                lightest = (area, kwh * (1 + assumptions.StorageMargin), mass);
            }
        }

        if (lightest is not { } chosen)
        {
            throw new ArgumentException($"no array up to {8 * least:0} m² with a battery keeps '{site.Name}' powered through its darkest stretch");
        }

        // The check runs the GPUs as sized: through the night on everything down to the floor (greedy), or by day on
        // sunlight alone (a reserve of the whole store, which then serves only the rest of the node).
        var spec = unit with { Array = unitArray with { AreaSquareMetres = chosen.Area }, Storage = StorageSpec.LithiumIon(chosen.Kwh), ReserveFraction = throughNight ? 0 : 1 };
        var check = PowerSimulation.Run(spec, SolarProfile.Of(spec, sunlight), throughNight ? PowerPolicy.Greedy : PowerPolicy.Reserve, new PowerRunOptions { BinSeconds = 86_400 });
        var arrayKw = chosen.Area * SolarArraySpec.SolarConstant * unitArray.CellEfficiency / 1000;
        return new PowerSizing(chosen.Area, arrayKw, chosen.Kwh, arrayKw * assumptions.ArrayKilogramsPerKilowatt,
            chosen.Kwh * assumptions.StorageKilogramsPerKilowattHour, LongestDark(watts, step) / 3600, lit / (double)watts.Length, check);
    }

    private static double Mass(double area, double kwh, SolarArraySpec unit, SizingAssumptions assumptions) =>
        (area * SolarArraySpec.SolarConstant * unit.CellEfficiency / 1000 * assumptions.ArrayKilogramsPerKilowatt) + (kwh * assumptions.StorageKilogramsPerKilowattHour);

    // The least battery (kWh) that never falls below its floor over the span, or NaN when none up to 100 MWh does.
    private static double LeastStorage(double[] wattsPerSquareMetre, double step, double area, double full, double nightLoad, StorageSpec unitBattery, bool throughNight)
    {
        double low = 0, high = 100_000;
        if (!Holds(high))
        {
            return double.NaN;
        }

        for (var i = 0; i < 40 && high - low > 1e-3 * high; i++)
        {
            var mid = 0.5 * (low + high);
            (low, high) = Holds(mid) ? (low, mid) : (mid, high);
        }

        return high;

        bool Holds(double kwh)
        {
            var capacity = kwh * 3.6e6;
            var floor = capacity * unitBattery.FloorFraction;
            var energy = capacity;
            foreach (var perSquareMetre in wattsPerSquareMetre)
            {
                var solar = area * perSquareMetre;
                // By day only: the GPUs take what sunlight there is above the rest of the node, the battery the surplus.
                var load = throughNight ? full : solar >= nightLoad ? Math.Min(full, solar) : nightLoad;
                var net = solar - load;
                energy = Math.Min(capacity, energy + (step * (net >= 0 ? unitBattery.ChargeEfficiency * net : net / unitBattery.DischargeEfficiency)));
                if (energy < floor)
                {
                    return false;
                }
            }

            return true;
        }
    }

    private static double LongestDark(double[] watts, double step)
    {
        double longest = 0, current = 0;
        foreach (var w in watts)
        {
            current = w > 0 ? 0 : current + step;
            longest = Math.Max(longest, current);
        }

        return longest;
    }
}
