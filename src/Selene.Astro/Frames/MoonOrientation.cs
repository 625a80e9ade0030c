using Selene.Astro.Geometry;

namespace Selene.Astro.Frames;

/// <summary>
/// The Moon's orientation from the IAU WGCCRE 2009 rotation model (Archinal et al., Celestial Mechanics and
/// Dynamical Astronomy 109, 2011, Table 2): the pole's right ascension α₀ and declination δ₀ and the prime
/// meridian's angle W, with their thirteen periodic terms. Gives the mean-Earth/polar-axis frame to about
/// 150 m on the surface, which is what lunar site coordinates refer to.
/// </summary>
public static class MoonOrientation
{
    // (constant °, rate ° per day) of the arguments E1 … E13.
    private static readonly (double Constant, double Rate)[] s_arguments =
    [
        (125.045, -0.0529921), (250.089, -0.1059842), (260.008, 13.0120009), (176.625, 13.3407154),
        (357.529, 0.9856003), (311.589, 26.4057084), (134.963, 13.0649930), (276.617, 0.3287146),
        (34.226, 1.7484877), (15.134, -0.1589763), (119.743, 0.0036096), (239.961, 0.1643573),
        (25.053, 12.9590088),
    ];

    // Coefficients (°) of sin Eᵢ in α₀, cos Eᵢ in δ₀ and sin Eᵢ in W, i = 1 … 13.
    private static readonly double[] s_alpha = [-3.8787, -0.1204, 0.0700, -0.0172, 0, 0.0072, 0, 0, 0, -0.0052, 0, 0, 0.0043];
    private static readonly double[] s_delta = [1.5419, 0.0239, -0.0278, 0.0068, 0, -0.0029, 0.0009, 0, 0, 0.0008, 0, 0, -0.0009];
    private static readonly double[] s_w = [3.5610, 0.1208, -0.0642, 0.0158, 0.0252, -0.0066, -0.0047, -0.0046, 0.0028, 0.0052, 0.0040, 0.0019, -0.0044];

    /// <summary>The rotation from the Moon's body-fixed frame to EME2000 at <paramref name="julianDateTt"/>.</summary>
    public static Rotation BodyFixedToJ2000(double julianDateTt)
    {
        var d = julianDateTt - 2451545.0;
        var t = d / 36525.0;
        var alpha = 269.9949 + (0.0031 * t);
        var delta = 66.5392 + (0.0130 * t);
        var w = 38.3213 + (13.17635815 * d) - (1.4e-12 * d * d);
        for (var i = 0; i < s_arguments.Length; i++)
        {
            var (sin, cos) = Math.SinCos((s_arguments[i].Constant + (s_arguments[i].Rate * d)) * Angles.Degree);
            alpha += s_alpha[i] * sin;
            delta += s_delta[i] * cos;
            w += s_w[i] * sin;
        }

        // Body-fixed → ICRF: R3(−(90° + α₀)) · R1(−(90° − δ₀)) · R3(−W).
        return Rotation.AboutZ(-(90 + alpha) * Angles.Degree)
            * Rotation.AboutX(-(90 - delta) * Angles.Degree)
            * Rotation.AboutZ(-w * Angles.Degree);
    }
}
