namespace Selene.Astro.Contacts;

/// <summary>What a node of a contact plan is.</summary>
public enum ContactNodeKind
{
    /// <summary>A site on the Moon's surface.</summary>
    LunarSite,

    /// <summary>A relay satellite in lunar orbit.</summary>
    Relay,

    /// <summary>A ground station on Earth.</summary>
    Station,
}
