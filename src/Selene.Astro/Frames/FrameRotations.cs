using Selene.Astro.Geometry;

namespace Selene.Astro.Frames;

/// <summary>
/// Rotations between the frames Selene uses. Inertial work is done in EME2000 (mean equator and equinox of
/// J2000.0): ecliptic coordinates of date are turned to the equator of date by the mean obliquity (Meeus
/// 22.2) and precessed back to J2000 (IAU 1976 angles ζ, z, θ; Meeus 21.3).
/// </summary>
public static class FrameRotations
{
    /// <summary>Mean obliquity of the ecliptic at <paramref name="centuriesTt"/>, radians (Meeus 22.2, IAU 1976).</summary>
    public static double MeanObliquity(double centuriesTt)
    {
        var t = centuriesTt;
        var arcSeconds = 84381.448 - (46.8150 * t) - (0.00059 * t * t) + (0.001813 * t * t * t);
        return arcSeconds * Angles.ArcSecond;
    }

    /// <summary>Precession from the mean equator and equinox of J2000.0 to those of date (Meeus 21.3 and 21.4).</summary>
    public static Rotation J2000ToDate(double centuriesTt)
    {
        var t = centuriesTt;
        var zeta = ((2306.2181 * t) + (0.30188 * t * t) + (0.017998 * t * t * t)) * Angles.ArcSecond;
        var z = ((2306.2181 * t) + (1.09468 * t * t) + (0.018203 * t * t * t)) * Angles.ArcSecond;
        var theta = ((2004.3109 * t) - (0.42665 * t * t) - (0.041833 * t * t * t)) * Angles.ArcSecond;
        return Rotation.AboutZ(-z) * Rotation.AboutY(theta) * Rotation.AboutZ(-zeta);
    }

    /// <summary>
    /// A vector in ecliptic coordinates of date, in EME2000: the same as applying
    /// <see cref="EclipticOfDateToJ2000(double)"/>, with the four rotations applied to the vector in turn.
    /// </summary>
    public static Vector3D EclipticOfDateToJ2000(double centuriesTt, Vector3D ecliptic)
    {
        var t = centuriesTt;
        var zeta = ((2306.2181 * t) + (0.30188 * t * t) + (0.017998 * t * t * t)) * Angles.ArcSecond;
        var z = ((2306.2181 * t) + (1.09468 * t * t) + (0.018203 * t * t * t)) * Angles.ArcSecond;
        var theta = ((2004.3109 * t) - (0.42665 * t * t) - (0.041833 * t * t * t)) * Angles.ArcSecond;

        // Ecliptic → equator of date: R1(−ε).
        var (se, ce) = Math.SinCos(MeanObliquity(t));
        var v = new Vector3D(ecliptic.X, (ce * ecliptic.Y) - (se * ecliptic.Z), (se * ecliptic.Y) + (ce * ecliptic.Z));

        // Date → J2000 is the transpose of R3(−z) R2(θ) R3(−ζ): R3(ζ) R2(−θ) R3(z), rightmost first.
        var (sz, cz) = Math.SinCos(z);
        v = new Vector3D((cz * v.X) + (sz * v.Y), (-sz * v.X) + (cz * v.Y), v.Z);
        var (st, ct) = Math.SinCos(theta);
        v = new Vector3D((ct * v.X) + (st * v.Z), v.Y, (-st * v.X) + (ct * v.Z));
        var (sq, cq) = Math.SinCos(zeta);
        return new Vector3D((cq * v.X) + (sq * v.Y), (-sq * v.X) + (cq * v.Y), v.Z);
    }

    /// <summary>From ecliptic coordinates of date to EME2000.</summary>
    public static Rotation EclipticOfDateToJ2000(double centuriesTt) =>
        J2000ToDate(centuriesTt).Transpose() * Rotation.AboutX(-MeanObliquity(centuriesTt));
}
