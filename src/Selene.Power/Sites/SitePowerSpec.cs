using Selene.Astro.Sites;
using Selene.Power.Gpus;
using Selene.Power.Solar;
using Selene.Power.Storage;
using Selene.Power.Thermal;

namespace Selene.Power.Sites;

/// <summary>A site's power system: its place, its array, its storage (none for a site that runs on sunlight alone), its GPUs and their heat.</summary>
/// <param name="Name">Site name.</param>
/// <param name="Site">Where it is on the Moon, with its horizon.</param>
/// <param name="Array">The solar array.</param>
/// <param name="Storage">The storage, or null.</param>
/// <param name="Thermal">The node's thermal mass, radiator and limits.</param>
/// <param name="Gpus">Number of GPUs.</param>
/// <param name="Gpu">Their power states.</param>
/// <param name="BaseWatts">The rest of the node (CPUs, network, avionics), drawn before any GPU runs.</param>
/// <param name="ReserveFraction">Share of the storage's capacity to keep through the night.</param>
public sealed record SitePowerSpec(
    string Name,
    SurfaceSite Site,
    SolarArraySpec Array,
    StorageSpec? Storage,
    ThermalSpec Thermal,
    int Gpus,
    GpuPowerModel Gpu,
    double BaseWatts,
    double ReserveFraction)
{
    /// <summary>Draw of the node with every GPU at full power.</summary>
    public double FullWatts => BaseWatts + (Gpus * Gpu.MaxWatts);

    /// <summary>GPUs that join the site during the run (launched nodes coming online): when, and how many. Default none.</summary>
    public IReadOnlyList<(double Seconds, int Gpus)> GpuArrivals { get; init; } = [];

    /// <summary>The GPUs at the site at the end of <paramref name="seconds"/>: those from the start and every arrival by then.</summary>
    public int GpusAt(double seconds) => Gpus + GpuArrivals.Where(a => a.Seconds <= seconds).Sum(a => a.Gpus);
}
