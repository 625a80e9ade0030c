using Selene.Astro.Sites;

namespace Selene.Astro.Links;

/// <summary>The link of one lunar site or spacecraft to the ground network at one instant.</summary>
/// <param name="Up">True when some ground station and the site see each other above their masks.</param>
/// <param name="Station">The visible station with the shortest light time, when the link is up.</param>
/// <param name="LightTimeSeconds">
/// One-way light time from the site to that station; when down, centre to centre (Moon) or to the nearest station (orbit).
/// </param>
/// <param name="EarthElevationDegrees">The Earth's centre's elevation seen from a lunar site (NaN for a spacecraft).</param>
/// <param name="BestStationMoonElevationDegrees">The highest elevation of the site seen from any station.</param>
public readonly record struct LinkState(
    bool Up, SurfaceSite? Station, double LightTimeSeconds, double EarthElevationDegrees, double BestStationMoonElevationDegrees);
