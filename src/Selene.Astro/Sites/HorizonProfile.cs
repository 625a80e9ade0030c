using System.Globalization;

namespace Selene.Astro.Sites;

/// <summary>
/// The terrain horizon around a site: elevation (degrees) as a function of azimuth (degrees from north through
/// east), linearly interpolated between the given points and wrapping around at 360°.
/// </summary>
public sealed class HorizonProfile
{
    private readonly double[] _azimuths;
    private readonly double[] _elevations;

    /// <summary>Creates a profile from (azimuth, elevation) points with strictly increasing azimuths in [0, 360).</summary>
    /// <exception cref="ArgumentException">The table is empty, unsorted, out of range or not finite.</exception>
    public HorizonProfile(IReadOnlyList<(double AzimuthDegrees, double ElevationDegrees)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            throw new ArgumentException("a horizon profile needs at least one (azimuth, elevation) point", nameof(points));
        }

        for (var i = 0; i < points.Count; i++)
        {
            var (azimuth, elevation) = points[i];
            if (!(azimuth is >= 0 and < 360) || !(elevation is >= -90 and <= 90))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"point {i}: azimuth must be in [0, 360) and elevation in [−90, 90], got ({azimuth}, {elevation})"), nameof(points));
            }

            if (i > 0 && !(azimuth > points[i - 1].AzimuthDegrees))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"point {i}: azimuths must increase strictly, got {azimuth} after {points[i - 1].AzimuthDegrees}"), nameof(points));
            }
        }

        _azimuths = points.Select(p => p.AzimuthDegrees).ToArray();
        _elevations = points.Select(p => p.ElevationDegrees).ToArray();
    }

    /// <summary>True when the horizon is at one elevation all around, so its elevation needs no azimuth.</summary>
    public bool IsLevel => _azimuths.Length == 1;

    /// <summary>A flat horizon at 0° elevation all around.</summary>
    public static HorizonProfile Flat { get; } = new([(0, 0)]);

    /// <summary>The horizon's elevation toward <paramref name="azimuthDegrees"/>.</summary>
    public double ElevationDegrees(double azimuthDegrees)
    {
        var n = _azimuths.Length;
        if (n == 1)
        {
            return _elevations[0];
        }

        var azimuth = ((azimuthDegrees % 360) + 360) % 360;
        var upper = Array.BinarySearch(_azimuths, azimuth);
        if (upper >= 0)
        {
            return _elevations[upper];
        }

        upper = ~upper;
        var lower = upper - 1;
        var lowerAzimuth = lower >= 0 ? _azimuths[lower] : _azimuths[n - 1] - 360;
        var lowerElevation = lower >= 0 ? _elevations[lower] : _elevations[n - 1];
        var upperAzimuth = upper < n ? _azimuths[upper] : _azimuths[0] + 360;
        var upperElevation = upper < n ? _elevations[upper] : _elevations[0];
        var fraction = (azimuth - lowerAzimuth) / (upperAzimuth - lowerAzimuth);
        return lowerElevation + (fraction * (upperElevation - lowerElevation));
    }
}
