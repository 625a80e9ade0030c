namespace Selene.Astro.Sunlight;

/// <summary>The Sun seen from a site at one instant.</summary>
/// <param name="ElevationDegrees">Elevation of the Sun's centre above the horizontal plane.</param>
/// <param name="AzimuthDegrees">Azimuth, degrees from north through east.</param>
/// <param name="HorizonDegrees">The terrain horizon's elevation in the Sun's direction.</param>
/// <param name="VisibleFraction">Fraction of the solar disk above the terrain horizon, 0 to 1.</param>
public readonly record struct SunlightState(double ElevationDegrees, double AzimuthDegrees, double HorizonDegrees, double VisibleFraction);
