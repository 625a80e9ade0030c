using Selene.Astro.Orbits;
using Selene.Astro.Sites;

namespace Selene.Simulation.Scenarios;

/// <summary>Where a site stands.</summary>
public enum SiteLocation
{
    /// <summary>A data centre on Earth, next to the users.</summary>
    Earth,

    /// <summary>A site on the lunar surface, across the Earth–Moon link.</summary>
    Moon,

    /// <summary>A node in Earth orbit, reachable while a ground station sees it.</summary>
    Orbit,
}

/// <summary>A place that hosts nodes.</summary>
/// <param name="Name">Site name, unique in the scenario.</param>
/// <param name="Location">Earth, Moon or orbit.</param>
/// <param name="LatitudeDegrees">Latitude, −90 to 90 (planetocentric on the Moon; 0 for an orbit).</param>
/// <param name="LongitudeDegrees">East longitude, −180 to 360 (0 for an orbit).</param>
public sealed record SiteSpec(string Name, SiteLocation Location, double LatitudeDegrees, double LongitudeDegrees)
{
    /// <summary>Height above the WGS-84 ellipsoid (Earth) or the mean sphere (Moon), km.</summary>
    public double HeightKm { get; init; }

    /// <summary>Lowest elevation for a link to the other body; null for the default (10° on Earth, 0° on the Moon).</summary>
    public double? ElevationMaskDegrees { get; init; }

    /// <summary>Terrain horizon as (azimuth, elevation) points in degrees; null for a flat horizon.</summary>
    public IReadOnlyList<(double AzimuthDegrees, double ElevationDegrees)>? Horizon { get; init; }

    /// <summary>The orbit of an orbital site (epoch: the scenario's); null on the Earth and the Moon.</summary>
    public KeplerianOrbit? Orbit { get; init; }

    /// <summary>Its radios, for the link budgets of its contacts (empty: the link's bandwidth applies).</summary>
    public IReadOnlyList<Selene.Astro.Links.RadioTerminal> Radios { get; init; } = [];

    /// <summary>The site as Selene.Astro computes its position, horizon and sunlight (Earth and Moon sites).</summary>
    /// <exception cref="InvalidOperationException">The site is in orbit.</exception>
    public SurfaceSite ToSurfaceSite() => Location == SiteLocation.Orbit
        ? throw new InvalidOperationException($"{Name} is in orbit, not on a surface")
        : new(
        Name,
        Location == SiteLocation.Moon ? SiteKind.Moon : SiteKind.Earth,
        LatitudeDegrees,
        LongitudeDegrees,
        HeightKm,
        ElevationMaskDegrees,
        Horizon is null ? null : new HorizonProfile(Horizon));
}
