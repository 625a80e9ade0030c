using Selene.Astro.Frames;
using Selene.Astro.Geometry;

namespace Selene.Astro.Orbits;

/// <summary>Kepler's equation M = E − e sin E, solved by Newton's method, and the perifocal position it gives.</summary>
public static class KeplerEquation
{
    /// <summary>The eccentric anomaly, radians, for mean anomaly <paramref name="meanAnomaly"/> (radians) and 0 ≤ e &lt; 1.</summary>
    public static double EccentricAnomaly(double meanAnomaly, double eccentricity)
    {
        var m = Angles.Normalize(meanAnomaly);
        var e = eccentricity;
        var anomaly = e < 0.8 ? m : Math.PI;
        for (var i = 0; i < 30; i++)
        {
            var step = (anomaly - (e * Math.Sin(anomaly)) - m) / (1 - (e * Math.Cos(anomaly)));
            anomaly -= step;
            if (Math.Abs(step) < 1e-14)
            {
                break;
            }
        }

        return anomaly;
    }

    /// <summary>The position in the perifocal frame (x toward periapsis, z along the orbit normal), km.</summary>
    public static Vector3D Perifocal(double semiMajorAxisKm, double eccentricity, double meanAnomaly)
    {
        var (sinE, cosE) = Math.SinCos(EccentricAnomaly(meanAnomaly, eccentricity));
        var e = eccentricity;
        return new Vector3D(semiMajorAxisKm * (cosE - e), semiMajorAxisKm * Math.Sqrt(1 - (e * e)) * sinE, 0);
    }

    /// <summary>The rotation from the perifocal frame to the frame the angles are measured in (R3(−Ω) R1(−i) R3(−ω)).</summary>
    public static Rotation PerifocalToReference(double inclination, double raan, double argumentOfPeriapsis) =>
        Rotation.AboutZ(-raan) * Rotation.AboutX(-inclination) * Rotation.AboutZ(-argumentOfPeriapsis);
}
