namespace Selene.Server.Twin;

/// <summary>A scenario's site.</summary>
/// <param name="Name">The site's name.</param>
/// <param name="Location">earth, moon or orbit.</param>
/// <param name="LatitudeDegrees">Latitude on its body.</param>
/// <param name="LongitudeDegrees">East longitude on its body.</param>
public sealed record SiteView(string Name, string Location, double LatitudeDegrees, double LongitudeDegrees);
