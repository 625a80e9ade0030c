using Selene.Astro.Links;
using Selene.Astro.Orbits;
using Selene.Astro.Sites;

namespace Selene.Astro.Contacts;

/// <summary>A node of a contact plan: a lunar site or ground station (a surface site) or a relay (a lunar orbit), with its radios.</summary>
public sealed class ContactNode
{
    private ContactNode(string name, ContactNodeKind kind, SurfaceSite? site, LunarOrbit? orbit, IReadOnlyList<RadioTerminal> radios)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Kind = kind;
        Site = site;
        Orbit = orbit;
        Radios = radios ?? [];
    }

    /// <summary>The node's name.</summary>
    public string Name { get; }

    /// <summary>What it is.</summary>
    public ContactNodeKind Kind { get; }

    /// <summary>Its place, for a lunar site or a station.</summary>
    public SurfaceSite? Site { get; }

    /// <summary>Its orbit, for a relay.</summary>
    public LunarOrbit? Orbit { get; }

    /// <summary>Its radios; a contact runs in the band both ends share that gives the highest rate.</summary>
    public IReadOnlyList<RadioTerminal> Radios { get; }

    /// <summary>A site on the Moon.</summary>
    public static ContactNode LunarSite(SurfaceSite site, IReadOnlyList<RadioTerminal>? radios = null)
    {
        ArgumentNullException.ThrowIfNull(site);
        if (site.Kind != SiteKind.Moon)
        {
            throw new ArgumentException($"{site.Name} is not on the Moon", nameof(site));
        }

        return new(site.Name, ContactNodeKind.LunarSite, site, null, radios ?? []);
    }

    /// <summary>A ground station on Earth.</summary>
    public static ContactNode Station(SurfaceSite site, IReadOnlyList<RadioTerminal>? radios = null)
    {
        ArgumentNullException.ThrowIfNull(site);
        if (site.Kind != SiteKind.Earth)
        {
            throw new ArgumentException($"{site.Name} is not on Earth", nameof(site));
        }

        return new(site.Name, ContactNodeKind.Station, site, null, radios ?? []);
    }

    /// <summary>A relay in lunar orbit.</summary>
    public static ContactNode Relay(string name, LunarOrbit orbit, IReadOnlyList<RadioTerminal>? radios = null)
    {
        ArgumentNullException.ThrowIfNull(orbit);
        return new(name, ContactNodeKind.Relay, null, orbit, radios ?? []);
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
