using Selene.Astro.Bodies;
using Selene.Astro.Geometry;
using Selene.Astro.Sites;
using Selene.Astro.Time;

namespace Selene.Astro.Links;

/// <summary>
/// One-way light time by the light-time equation: the receiver's position at reception, the sender's at
/// emission, τ = |r_rx(t) − r_tx(t − τ)| / c, solved by fixed-point iteration (it converges by a factor v/c,
/// about 1e-5, per pass), in the geocentric EME2000 frame.
/// </summary>
public static class LightTime
{
    /// <summary>The speed of light in vacuum, km/s (exact, SI).</summary>
    public const double SpeedOfLightKmPerSecond = 299_792.458;

    private const int Iterations = 3;

    /// <summary>Seconds for a signal received by <paramref name="receiver"/> at <paramref name="reception"/>, sent by <paramref name="sender"/>.</summary>
    public static double Seconds(Func<AstroTime, Vector3D> sender, Func<AstroTime, Vector3D> receiver, AstroTime reception)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(receiver);
        var at = receiver(reception);
        var tau = (at - sender(reception)).Length / SpeedOfLightKmPerSecond;
        for (var i = 0; i < Iterations; i++)
        {
            tau = (at - sender(reception.AddSeconds(-tau))).Length / SpeedOfLightKmPerSecond;
        }

        return tau;
    }

    /// <summary>From a site to another site, received at <paramref name="reception"/>.</summary>
    public static double Seconds(SurfaceSite from, SurfaceSite to, AstroTime reception)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        return Seconds(from.PositionJ2000, to.PositionJ2000, reception);
    }

    /// <summary>From the Moon's centre to the Earth's centre, received at <paramref name="reception"/>.</summary>
    public static double MoonToEarthCentreSeconds(AstroTime reception) =>
        Seconds(t => Moon.GeocentricJ2000(t.CenturiesTt), _ => default, reception);
}
