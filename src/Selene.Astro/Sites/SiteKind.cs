namespace Selene.Astro.Sites;

/// <summary>What a site stands on.</summary>
public enum SiteKind
{
    /// <summary>A ground station on Earth (WGS-84 geodetic coordinates).</summary>
    Earth,

    /// <summary>A site on the lunar surface (planetocentric coordinates on the mean sphere).</summary>
    Moon,
}
