using System.Diagnostics;
using System.Globalization;
using Selene.Astro.Sites;
using Selene.Astro.Sunlight;
using Selene.Power.Control;
using Selene.Power.Gpus;
using Selene.Power.Simulation;
using Selene.Power.Sites;
using Selene.Power.Solar;
using Selene.Power.Storage;
using Selene.Power.Thermal;

namespace Selene.Benchmarks;

/// <summary>
/// A year of power and heat for many lunar sites at 60-second resolution: the shared sunlight samples, each site's
/// array output over them, and its ODE solved bin by bin, sites in parallel. Prints the time of each part.
/// </summary>
public static class PowerSites
{
    public static string Run(int sites, double days, PowerPolicy policy, PowerRunOptions? options = null)
    {
        var start = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var clock = Stopwatch.StartNew();
        var sunlight = new SunlightSeries(start, 60, (int)(days * 1440) + 1);
        var sunlightSeconds = clock.Elapsed.TotalSeconds;
        var specs = Enumerable.Range(0, sites).Select(Site).ToList();
        var results = new SitePowerResult[sites];
        Parallel.For(0, sites, i => results[i] = PowerSimulation.Run(specs[i], SolarProfile.Of(specs[i], sunlight), policy, options));
        var total = clock.Elapsed.TotalSeconds;
        var worst = results.Max(r => Math.Abs(r.BalanceError));
        return string.Create(CultureInfo.InvariantCulture,
            $"power sites={sites} days={days} policy={policy} sunlight_seconds={sunlightSeconds:0.000} total_seconds={total:0.000} worst_balance_error={worst:E2} mean_availability={results.Average(r => r.Availability):0.000}");
    }

    // Sites spread over latitudes and longitudes, every other one at a pole-ward latitude, with batteries.
    private static SitePowerSpec Site(int index)
    {
        var latitude = -89 + (178.0 * ((index * 37) % 100) / 99);
        var longitude = -180 + (360.0 * ((index * 61) % 100) / 100);
        var name = string.Create(CultureInfo.InvariantCulture, $"site-{index}");
        return new SitePowerSpec(name, new SurfaceSite(name, SiteKind.Moon, latitude, longitude),
            new SolarArraySpec(60, 0.3, 0.005, 0.01, -0.0035, ArrayMount.Tracking), StorageSpec.LithiumIon(2000),
            ThermalSpec.Node(), 8, GpuPowerModel.BuiltIn("H100")!, 400, 0.2);
    }
}
