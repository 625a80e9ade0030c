namespace Selene.Astro.Orbits;

/// <summary>The inertial frame a lunar orbit's elements are measured in, fixed at the elements' epoch.</summary>
public enum LunarFrame
{
    /// <summary>
    /// The Moon's equator of epoch: z along the pole of the IAU rotation model (the mean-Earth/polar-axis frame's pole),
    /// x toward the ascending node of the lunar equator on the EME2000 equator.
    /// </summary>
    MoonEquator,

    /// <summary>
    /// The lunar orbital plane of epoch: z along the Moon's geocentric orbital angular momentum, x toward the ascending
    /// node of that plane on the EME2000 equator.
    /// </summary>
    MoonOrbitPlane,
}
