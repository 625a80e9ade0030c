using Selene.Astro.Contacts;
using Selene.Astro.Links;
using Selene.Astro.Orbits;
using Selene.Astro.Sites;
using Xunit.Abstractions;

namespace Selene.Astro.Tests.Contacts;

/// <summary>
/// The contact plan of a south-pole site with one relay in Queqiao-2's elliptical frozen orbit (200 × 16,000 km,
/// i 62.4°, 24 h; lunar-comms-anchors.md §2(b)), its apolune over the south, and Earth stations beyond the DSN
/// (ESTRACK's 35 m antennas at New Norcia, Cebreros and Malargüe, and Goonhilly; §2(c)). A 12-hour ELFO of ION
/// NAVIGATION's case A alone connects the rim about 90.5% of the month: it spends less of its period near apolune.
/// </summary>
public sealed class ContactPlanTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset s_epoch = new(2027, 1, 11, 0, 0, 0, TimeSpan.Zero);

    private static readonly SurfaceSite s_rim = new("shackleton-rim", SiteKind.Moon, -88.74, 124.5, 1.0, -1.9, new HorizonProfile([(0, -1.9)]));

    internal static IReadOnlyList<ContactNode> World(int relays = 1, int stations = 7)
    {
        var nodes = new List<ContactNode> { ContactNode.LunarSite(s_rim, [RadioDefaults.Space(RadioBand.S), RadioDefaults.Space(RadioBand.Ka)]) };
        var elfo = new LunarOrbit(9837, 0.803, 62.4, 0, 90, 0, s_epoch.UtcDateTime, LunarFrame.MoonEquator, withJ2: true);
        var orbits = relays == 1 ? [elfo] : elfo.Walker(relays, 1, 0);
        for (var i = 0; i < orbits.Count; i++)
        {
            nodes.Add(ContactNode.Relay($"relay-{i}", orbits[i], [RadioDefaults.Space(RadioBand.S), RadioDefaults.Space(RadioBand.Ka)]));
        }

        foreach (var (name, lat, lon) in new[]
        {
            ("goldstone", 35.4267, -116.89), ("madrid", 40.4313, -4.248), ("canberra", -35.4014, 148.9817),
            ("new-norcia", -31.048, 116.191), ("cebreros", 40.453, -4.368), ("malargue", -35.776, -69.398), ("goonhilly", 50.048, -5.182),
        }.Take(stations))
        {
            nodes.Add(ContactNode.Station(new SurfaceSite(name, SiteKind.Earth, lat, lon, 0.5, 10), [RadioDefaults.Station(RadioBand.Ka)]));
        }

        return nodes;
    }

    [Fact]
    public void With_the_relay_the_rim_is_connected_at_least_95_percent_of_a_month()
    {
        var plan = ContactPlanner.Build(World(), s_epoch, 30 * 86_400);
        var withRelay = plan.ConnectedShare(0);
        var direct = plan.Without(n => n.Kind == ContactNodeKind.Relay).ConnectedShare(0);
        output.WriteLine($"connected {withRelay:P2} with the relay, {direct:P2} direct only; {plan.Contacts.Count} contacts");
        Assert.True(withRelay >= 0.95, $"{withRelay:P2}");
        Assert.InRange(direct, 0.2, 0.8);
        Assert.True(withRelay > direct);
    }

    [Fact]
    public void Contacts_agree_with_visibility_sampled_every_ten_seconds()
    {
        // Where the plan says a pair is in contact, the geometry says they see each other, and the other way round,
        // but for the few seconds around each edge that interpolation may miss.
        var nodes = World();
        var plan = ContactPlanner.Build(nodes, s_epoch, 2 * 86_400);
        var fine = ContactPlanner.Build(nodes, s_epoch, 2 * 86_400, stepSeconds: 5);
        foreach (var contact in fine.Contacts.Where(c => c.From < c.To))
        {
            var coarse = plan.Between(contact.From, contact.To).ToArray().Where(c => c.End > contact.Start && c.Start < contact.End).ToList();
            Assert.Single(coarse);
            Assert.True(Math.Abs(coarse[0].Start - contact.Start) < 10, $"{nodes[contact.From]}→{nodes[contact.To]} starts {coarse[0].Start} vs {contact.Start}");
            Assert.True(Math.Abs(coarse[0].End - contact.End) < 10, $"{nodes[contact.From]}→{nodes[contact.To]} ends {coarse[0].End} vs {contact.End}");
        }

        Assert.Equal(fine.Contacts.Count, plan.Contacts.Count);
        Assert.All(plan.Contacts, c => Assert.InRange(c.OneWayLightSeconds, 0.002, 1.4));
    }

    [Fact]
    public void A_message_sent_with_no_path_waits_at_the_relay_and_arrives_when_the_plan_first_allows()
    {
        // With Goldstone alone on Earth the relay often sees the rim while Goldstone is below its horizon: a message then
        // goes up to the relay and waits there for Goldstone to rise.
        var plan = ContactPlanner.Build(World(stations: 1), s_epoch, 30 * 86_400);
        var router = new ContactGraphRouter(plan);
        var connected = plan.Connected(0);
        var stations = Enumerable.Range(0, plan.Nodes.Count).Where(i => plan.Nodes[i].Kind == ContactNodeKind.Station).ToHashSet();
        const double bytes = 64 * 1024;
        int withoutPath = 0, beatThePath = 0;
        for (var t = 0.0; t < 29 * 86_400; t += 600)
        {
            var routed = router.EarliestArrival([0], t, bytes, stations.Contains);
            Assert.Equal(Independent(plan, 0, t, bytes), routed, 9);
            if (!connected.Contains(t) && double.IsFinite(routed))
            {
                withoutPath++;
                Assert.True(routed > t + 1, "no end-to-end path: the message waits");
                beatThePath += routed < connected.NextInside(t) ? 1 : 0;
            }
        }

        output.WriteLine($"{withoutPath} sends with no end-to-end path, {beatThePath} delivered before the next path opened (stored at the relay)");
        Assert.True(withoutPath > 100);
        Assert.True(beatThePath > 10);
    }

    [Fact]
    public void Five_relays_three_sites_and_seven_stations_over_a_year_plan_without_fault()
    {
        var nodes = World(5).ToList();
        nodes.Insert(1, ContactNode.LunarSite(new SurfaceSite("malapert", SiteKind.Moon, -86.0, 2.7, 5.0)));
        nodes.Insert(2, ContactNode.LunarSite(new SurfaceSite("connecting-ridge", SiteKind.Moon, -89.45, -137.3, 0.5)));
        var plan = ContactPlanner.Build(nodes, s_epoch, 365 * 86_400);
        Assert.All(Enumerable.Range(0, 3), site => Assert.InRange(plan.ConnectedShare(site), 0.5, 1));
        output.WriteLine(string.Join(", ", Enumerable.Range(0, 3).Select(s => $"{nodes[s].Name} {plan.ConnectedShare(s):P1}")));
    }

    // Earliest arrival at any station from a linear scan of every direct and one-relay route.
    private static double Independent(ContactPlan plan, int site, double time, double bytes)
    {
        var bits = bytes * 8;
        double Hop(int from, int to, double ready)
        {
            var best = double.PositiveInfinity;
            foreach (var c in plan.Contacts)
            {
                if (c.From == from && c.To == to)
                {
                    var sent = Math.Max(ready, c.Start) + (bits / c.RateBitsPerSecond);
                    if (sent <= c.End)
                    {
                        best = Math.Min(best, sent + c.LightSecondsAt(sent));
                    }
                }
            }

            return best;
        }

        var earliest = double.PositiveInfinity;
        for (var node = 0; node < plan.Nodes.Count; node++)
        {
            if (plan.Nodes[node].Kind == ContactNodeKind.Station)
            {
                earliest = Math.Min(earliest, Hop(site, node, time));
            }
            else if (plan.Nodes[node].Kind == ContactNodeKind.Relay)
            {
                var atRelay = Hop(site, node, time);
                for (var station = 0; station < plan.Nodes.Count && double.IsFinite(atRelay); station++)
                {
                    if (plan.Nodes[station].Kind == ContactNodeKind.Station)
                    {
                        earliest = Math.Min(earliest, Hop(node, station, atRelay));
                    }
                }
            }
        }

        return earliest;
    }
}
