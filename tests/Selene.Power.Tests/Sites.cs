using Selene.Astro.Sites;
using Selene.Astro.Sunlight;
using Selene.Power.Gpus;
using Selene.Power.Sites;
using Selene.Power.Solar;
using Selene.Power.Storage;
using Selene.Power.Thermal;

namespace Selene.Power.Tests;

/// <summary>Sites the tests share: eight H100s like examples/manifests/lunar-gpu-01.yaml, at the equator or on Shackleton's rim.</summary>
internal static class Sites
{
    public static readonly DateTimeOffset Start = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<(int Days, double Step), SunlightSeries> s_sunlight = [];

    public static SunlightSeries Sunlight(int days, double stepSeconds = 60)
    {
        lock (s_sunlight)
        {
            if (!s_sunlight.TryGetValue((days, stepSeconds), out var series))
            {
                s_sunlight[(days, stepSeconds)] = series = new SunlightSeries(Start, stepSeconds, (int)(days * 86_400 / stepSeconds) + 1);
            }

            return series;
        }
    }

    public static ThermalSpec Thermal => ThermalSpec.Node();

    public static SitePowerSpec Equatorial(StorageSpec? storage = null) => new("equator", new SurfaceSite("equator", SiteKind.Moon, 0, 0),
        new SolarArraySpec(40, 0.3, 0.005, 0.01, -0.0035, ArrayMount.Tracking), storage, Thermal, 8, GpuPowerModel.BuiltIn("H100")!, 800, 0.3);

    /// <summary>
    /// Shackleton's rim (88.74°S 124.5°E): on the raised rim the terrain horizon lies below the horizontal most of the
    /// way round, higher toward the massifs, which is what lights it for most of the year (Bussey 2010: 86% at the best point).
    /// </summary>
    public static SitePowerSpec ShackletonRim(StorageSpec? storage) => new("shackleton-rim",
        new SurfaceSite("shackleton-rim", SiteKind.Moon, -88.74, 124.5, horizon: new HorizonProfile([(0, -1.2), (90, -0.4), (180, -1.0), (270, 0.3)])),
        new SolarArraySpec(60, 0.3, 0.005, 0.01, -0.0035, ArrayMount.Tracking), storage, Thermal, 8, GpuPowerModel.BuiltIn("H100")!, 800, 0.3);
}
