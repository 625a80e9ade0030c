using System.Diagnostics;
using System.Globalization;
using Selene.Astro.Contacts;
using Selene.Astro.Links;
using Selene.Astro.Orbits;
using Selene.Astro.Sites;

namespace Selene.Benchmarks;

/// <summary>
/// Contact plans of growing size: south-polar sites, ELFO relays (a Walker ring in Queqiao-2's orbit) and Earth stations
/// (the DSN, ESTRACK and Goonhilly), each with S- and Ka-band radios, planned over a span on one thread.
/// </summary>
internal static class ContactPlanWorkload
{
    private static readonly DateTimeOffset s_epoch = new(2027, 1, 11, 0, 0, 0, TimeSpan.Zero);

    private static readonly (string Name, double Latitude, double Longitude, double HeightKm)[] s_sites =
    [
        ("shackleton-rim", -88.74, 124.5, 1.0), ("malapert", -86.0, 2.7, 5.0), ("connecting-ridge", -89.45, -137.3, 0.5),
        ("de-gerlache-rim", -88.5, -87.1, 0.8), ("nobile-rim", -85.3, 37.0, 0.5),
    ];

    private static readonly (string Name, double Latitude, double Longitude)[] s_stations =
    [
        ("goldstone", 35.4267, -116.89), ("madrid", 40.4313, -4.248), ("canberra", -35.4014, 148.9817),
        ("new-norcia", -31.0482, 116.1914), ("cebreros", 40.4527, -4.3676), ("malargue", -35.776, -69.398), ("goonhilly", 50.0481, -5.1821),
    ];

    /// <summary>Plans <paramref name="relays"/> relays, <paramref name="sites"/> sites and <paramref name="stations"/> stations over <paramref name="days"/> and prints the time.</summary>
    public static void Run(int relays, int sites, int stations, double days)
    {
        var radios = new[] { RadioDefaults.Space(RadioBand.S), RadioDefaults.Space(RadioBand.Ka) };
        var nodes = new List<ContactNode>();
        nodes.AddRange(s_sites.Take(sites).Select(s => ContactNode.LunarSite(new SurfaceSite(s.Name, SiteKind.Moon, s.Latitude, s.Longitude, s.HeightKm), radios)));
        var elfo = new LunarOrbit(9837.4, 0.803, 62.4, 0, 90, 0, s_epoch.UtcDateTime, LunarFrame.MoonEquator, withJ2: true);
        var ring = elfo.Walker(relays, 1, 0);
        nodes.AddRange(ring.Select((o, i) => ContactNode.Relay($"relay-{i + 1}", o, radios)));
        nodes.AddRange(s_stations.Take(stations).Select(s => ContactNode.Station(new SurfaceSite(s.Name, SiteKind.Earth, s.Latitude, s.Longitude, 0.5, 10),
            [RadioDefaults.Station(RadioBand.Ka)])));

        var clock = Stopwatch.StartNew();
        var plan = ContactPlanner.Build(nodes, s_epoch, days * 86_400);
        var seconds = clock.Elapsed.TotalSeconds;
        var connectivity = string.Join(" ", Enumerable.Range(0, sites).Select(s => $"{nodes[s].Name}={plan.ConnectedShare(s):0.0000}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"contacts relays={relays} sites={sites} stations={stations} days={days} seconds={seconds:0.000} contacts={plan.Contacts.Count} {connectivity}"));
    }
}
