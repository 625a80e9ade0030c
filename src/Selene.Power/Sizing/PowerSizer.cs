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
/// through the full power model for the year. When that year falls short of the target (the GPUs' work through the
/// night, a node never unpowered by day), the recurrence's load is raised, by bisection, until it does not; when no
/// margin up to 4× meets it, the sizing says it cannot, and why.
/// </summary>
public static class PowerSizer
{
    private const int AreaSteps = 40;

    // The most the load may be raised to cover what the recurrence leaves out, and how finely it is found.
    private const double MaxLoadMargin = 4;
    private const double MarginPrecision = 0.02;

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
        var probe = new SitePowerSpec(site.Name, site, unitArray, null, ThermalSpec.Node(), gpus, gpu, assumptions.BaseWatts, 0);
        var perSquareMetre = SolarProfile.Of(probe, sunlight);
        var thermal = ThermalSpec.Node(RadiatorSquareMetres(ThermalSpec.Node(1), probe.FullWatts, perSquareMetre.SurfaceKelvin));
        var unit = probe with { Thermal = thermal };
        var watts = perSquareMetre.Watts.ToArray();
        var step = perSquareMetre.StepSeconds;
        var full = unit.FullWatts;

        var lit = watts.Count(w => w > 0);
        if (lit == 0)
        {
            throw new ArgumentException($"site '{site.Name}' sees no sunlight in the span: nothing to size");
        }

        // By day only, the night's load is the rest of the node and the heater that keeps it warm with the GPUs off.
        var nightLoad = throughNight ? full : assumptions.BaseWatts + thermal.HeaterWatts;

        // The energy recurrence below leaves out what only the full model knows (the heater, the store's standing and
        // auxiliary losses, the array's heat): a design for exactly the load can fall short of it. So the load the
        // recurrence designs for is raised until the full model's year meets the target: the GPUs' work through the
        // night, or by day a node that never goes dark.
        var target = throughNight ? assumptions.TargetWorkShare : 0;
        (double Area, double Kwh, SitePowerResult Check)? Attempt(double margin)
        {
            var design = Design(watts, step, full * margin, nightLoad * margin, battery, throughNight, lit, unitArray, assumptions);
            if (design is not { } chosen)
            {
                return null;
            }

            var spec = unit with { Array = unitArray with { AreaSquareMetres = chosen.Area }, Storage = StorageSpec.LithiumIon(chosen.Kwh), ReserveFraction = throughNight ? 0 : 1 };
            return (chosen.Area, chosen.Kwh, Check(spec, sunlight, throughNight));
        }

        bool Meets(SitePowerResult check) => check.BlackoutSeconds == 0 && WorkShare(check, gpus) >= target;

        var best = Attempt(1);
        if (best is not { } first || !Meets(first.Check))
        {
            var (low, high) = (1.0, MaxLoadMargin);
            best = Attempt(high);
            if (best is not { } most || !Meets(most.Check))
            {
                var shortfall = best is { } tried
                    ? $"with the load raised {MaxLoadMargin:0.#}× ({tried.Area:0} m², {tried.Kwh:0} kWh) the year's check runs the GPUs {100 * WorkShare(tried.Check, gpus):0.0}% of the time and leaves the node unpowered {tried.Check.BlackoutSeconds / 3600:0.0} h"
                    : $"no array up to {8 * MaxLoadMargin:0}× the least with a battery up to 100 MWh keeps it powered through its darkest stretch";
                throw new ArgumentException($"{gpus} × {gpu.Name} at '{site.Name}' {(throughNight ? "through the night" : "by day")} cannot be sized to {(throughNight ? $"run {100 * target:0}% of the year" : "keep the node powered")}: {shortfall}");
            }

            while (high - low > MarginPrecision)
            {
                var mid = 0.5 * (low + high);
                if (Attempt(mid) is { } trial && Meets(trial.Check))
                {
                    (high, best) = (mid, trial);
                }
                else
                {
                    low = mid;
                }
            }
        }

        var (area, kwh, verified) = best!.Value;
        var arrayKw = area * SolarArraySpec.SolarConstant * unitArray.CellEfficiency / 1000;
        return new PowerSizing(area, arrayKw, kwh, arrayKw * assumptions.ArrayKilogramsPerKilowatt,
            kwh * assumptions.StorageKilogramsPerKilowattHour, LongestDark(watts, step) / 3600, lit / (double)watts.Length, verified)
        {
            RadiatorSquareMetres = thermal.RadiatorAreaSquareMetres,
            RadiatorKilograms = thermal.RadiatorAreaSquareMetres * assumptions.RadiatorKilogramsPerSquareMetre,
        };
    }

    // The radiator that sheds the node's full draw with the louvers open, 10 K below the temperature at which the GPUs
    // are throttled, under the hottest ground of the span, with a tenth to spare: a node of 64 GPUs sheds 45 kW or
    // more, three times what the default 16 m² can.
    private static double RadiatorSquareMetres(ThermalSpec perSquareMetre, double fullWatts, ReadOnlySpan<double> surfaceKelvin)
    {
        var hottestGround = ThermalSpec.LunarNightKelvin;
        foreach (var kelvin in surfaceKelvin)
        {
            hottestGround = Math.Max(hottestGround, kelvin);
        }

        var shed = perSquareMetre.RadiatedWatts(perSquareMetre.MaxKelvin - 10, hottestGround);
        return 1.1 * fullWatts / shed;
    }

    /// <summary>The share of the span's GPU-hours the check ran at full speed.</summary>
    public static double WorkShare(SitePowerResult check, int gpus)
    {
        ArgumentNullException.ThrowIfNull(check);
        return check.WorkGpuHours / (gpus * check.Seconds / 3600);
    }

    // The check runs the GPUs as sized: through the night on everything down to the floor (greedy), or by day on
    // sunlight alone (a reserve of the whole store, which then serves only the rest of the node).
    private static SitePowerResult Check(SitePowerSpec spec, SunlightSeries sunlight, bool throughNight) =>
        PowerSimulation.Run(spec, SolarProfile.Of(spec, sunlight), throughNight ? PowerPolicy.Greedy : PowerPolicy.Reserve, new PowerRunOptions { BinSeconds = 86_400 });

    // The lightest array and battery (with the storage margin) for these loads by the energy recurrence, or null.
    private static (double Area, double Kwh)? Design(double[] watts, double step, double full, double nightLoad, StorageSpec battery, bool throughNight,
        int lit, SolarArraySpec unitArray, SizingAssumptions assumptions)
    {
        // From the least area whose yearly energy covers the load, to eight times it.
        var meanPerSquareMetre = watts.Average();
        var least = Math.Max(full / watts.Max(), (throughNight ? full : nightLoad + (full * lit / watts.Length)) / meanPerSquareMetre);
        (double Area, double Kwh, double Mass)? lightest = null;
        for (var k = 0; k < AreaSteps; k++)
        {
            var area = least * Math.Pow(8, k / (double)(AreaSteps - 1));
            var kwh = LeastStorage(watts, step, area, full, nightLoad, battery, throughNight);
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

        return lightest is { } chosen ? (chosen.Area, chosen.Kwh) : null;
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
