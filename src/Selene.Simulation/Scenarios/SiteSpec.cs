namespace Selene.Simulation.Scenarios;

/// <summary>Where a site stands.</summary>
public enum SiteLocation
{
    /// <summary>A data centre on Earth, next to the users.</summary>
    Earth,

    /// <summary>A site on the lunar surface, across the Earth–Moon link.</summary>
    Moon,
}

/// <summary>A place that hosts nodes.</summary>
/// <param name="Name">Site name, unique in the scenario.</param>
/// <param name="Location">Earth or Moon.</param>
/// <param name="LatitudeDegrees">Latitude, −90 to 90 (planetocentric on the Moon).</param>
/// <param name="LongitudeDegrees">East longitude, −180 to 360.</param>
public sealed record SiteSpec(string Name, SiteLocation Location, double LatitudeDegrees, double LongitudeDegrees);
