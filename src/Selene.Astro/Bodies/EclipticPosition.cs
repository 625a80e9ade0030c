namespace Selene.Astro.Bodies;

/// <summary>A geocentric position in ecliptic coordinates of the mean equinox of date.</summary>
/// <param name="LongitudeRadians">Ecliptic longitude λ, 0 to 2π.</param>
/// <param name="LatitudeRadians">Ecliptic latitude β.</param>
/// <param name="DistanceKm">Distance from the Earth's centre.</param>
public readonly record struct EclipticPosition(double LongitudeRadians, double LatitudeRadians, double DistanceKm)
{
    /// <summary>λ in degrees.</summary>
    public double LongitudeDegrees => LongitudeRadians * 180 / Math.PI;

    /// <summary>β in degrees.</summary>
    public double LatitudeDegrees => LatitudeRadians * 180 / Math.PI;
}
