using Selene.Power.Solar;
using Selene.Power.Storage;

namespace Selene.Simulation.Scenarios;

/// <summary>
/// A lunar site's power system as a scenario gives it; its GPUs are those of the nodes at the site from time zero.
/// </summary>
/// <param name="Site">The scenario's site (on the Moon).</param>
/// <param name="Array">The solar array.</param>
/// <param name="Storage">The storage, or null for none.</param>
/// <param name="BaseWatts">Draw of everything but the GPUs.</param>
/// <param name="ReserveFraction">Share of the storage to keep through the night.</param>
/// <param name="RadiatorSquareMetres">Radiator area.</param>
public sealed record PowerSiteSpec(string Site, SolarArraySpec Array, StorageSpec? Storage, double BaseWatts, double ReserveFraction, double RadiatorSquareMetres);
