using Selene.Astro.Bodies;
using Selene.Astro.Frames;
using Selene.Astro.Geometry;
using Selene.Astro.Links;
using Selene.Astro.Time;

namespace Selene.Astro.Contacts;

/// <summary>
/// Works out a contact plan once per run: every pair that can talk (lunar site ↔ relay above the site's mask and
/// terrain, relay ↔ station above the station's mask and clear of the Moon, lunar site ↔ station seeing each other
/// above both masks) is sampled at a fixed step, and each contact's start and end are where the visibility margin
/// crosses zero, interpolated between samples. Each contact is entered in both directions, with the rate each
/// direction's link budget supports at the contact's longest range.
/// </summary>
public static class ContactPlanner
{
    /// <summary>Seconds between a contact's light-time samples (its range lines).</summary>
    public const double RangeStepSeconds = 600;

    /// <summary>Builds the plan for <paramref name="nodes"/> over <paramref name="durationSeconds"/> from <paramref name="epoch"/>.</summary>
    /// <param name="nodes">Lunar sites, relays and stations.</param>
    /// <param name="epoch">Start of the plan.</param>
    /// <param name="durationSeconds">Its length.</param>
    /// <param name="stepSeconds">Sampling step (contacts shorter than about one step may be missed).</param>
    /// <param name="defaultRateBitsPerSecond">The rate of a contact whose ends share no band.</param>
    public static ContactPlan Build(IReadOnlyList<ContactNode> nodes, DateTimeOffset epoch, double durationSeconds, double stepSeconds = 60,
        double defaultRateBitsPerSecond = 100e6)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(durationSeconds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepSeconds);
        var pairs = Pairs(nodes);
        var n = nodes.Count;
        var states = new NodeState[n];
        var previous = new double[pairs.Count];
        var open = new double[pairs.Count];
        var longest = new double[pairs.Count];
        var ranges = new List<double>[pairs.Count];
        var rangeStart = new double[pairs.Count];
        var rangeEvery = Math.Max(1, (int)Math.Round(RangeStepSeconds / stepSeconds));
        var contacts = new List<Contact>();
        var start = AstroTime.FromUtc(epoch);
        var samples = (int)Math.Ceiling(durationSeconds / stepSeconds);
        var levels = nodes.Select(LevelThreshold).ToArray();
        for (var i = 0; i <= samples; i++)
        {
            var t = Math.Min(i * stepSeconds, durationSeconds);
            Locate(nodes, levels, start, t, states);
            for (var p = 0; p < pairs.Count; p++)
            {
                var (a, b) = pairs[p];
                var margin = Margin(nodes[a], states[a], nodes[b], states[b]);
                var visible = margin >= 0;
                var distance = visible ? (states[a].Position - states[b].Position).Length : 0;
                var was = i > 0 && previous[p] >= 0;
                if (visible && !was)
                {
                    open[p] = i == 0 ? 0 : Crossing(t - stepSeconds, previous[p], t, margin);
                    longest[p] = distance;
                    (ranges[p] ??= []).Clear();
                    ranges[p].Add(distance / LightTime.SpeedOfLightKmPerSecond);
                    rangeStart[p] = t;
                }
                else if (visible)
                {
                    longest[p] = Math.Max(longest[p], distance);
                    if ((i - (int)Math.Round(rangeStart[p] / stepSeconds)) % rangeEvery == 0)
                    {
                        ranges[p].Add(distance / LightTime.SpeedOfLightKmPerSecond);
                    }
                }
                else if (was)
                {
                    Close(nodes, contacts, a, b, open[p], Crossing(t - stepSeconds, previous[p], t, margin), longest[p], defaultRateBitsPerSecond,
                        new LightTimeSeries(rangeStart[p], rangeEvery * stepSeconds, [.. ranges[p]]));
                }

                if (visible && i == samples)
                {
                    Close(nodes, contacts, a, b, open[p], t, longest[p], defaultRateBitsPerSecond,
                        new LightTimeSeries(rangeStart[p], rangeEvery * stepSeconds, [.. ranges[p]]));
                }

                previous[p] = margin;
            }

            if (t >= durationSeconds)
            {
                break;
            }
        }

        return new ContactPlan(nodes, epoch, durationSeconds, contacts);
    }

    // The pairs that can talk, each once (a < b).
    private static List<(int A, int B)> Pairs(IReadOnlyList<ContactNode> nodes)
    {
        var pairs = new List<(int, int)>();
        for (var a = 0; a < nodes.Count; a++)
        {
            for (var b = a + 1; b < nodes.Count; b++)
            {
                var kinds = (nodes[a].Kind, nodes[b].Kind);
                if (kinds is (ContactNodeKind.LunarSite, ContactNodeKind.Relay) or (ContactNodeKind.Relay, ContactNodeKind.LunarSite)
                    or (ContactNodeKind.Relay, ContactNodeKind.Station) or (ContactNodeKind.Station, ContactNodeKind.Relay)
                    or (ContactNodeKind.LunarSite, ContactNodeKind.Station) or (ContactNodeKind.Station, ContactNodeKind.LunarSite))
                {
                    pairs.Add((a, b));
                }
            }
        }

        return pairs;
    }

    private static double Crossing(double t0, double m0, double t1, double m1) => t0 + ((t1 - t0) * m0 / (m0 - m1));

    private static void Close(IReadOnlyList<ContactNode> nodes, List<Contact> contacts, int a, int b, double start, double end, double distanceKm,
        double defaultRate, LightTimeSeries range)
    {
        if (!(end > start))
        {
            return;
        }

        var light = distanceKm / LightTime.SpeedOfLightKmPerSecond;
        foreach (var (from, to) in new[] { (a, b), (b, a) })
        {
            var (rate, band) = Rate(nodes[from], nodes[to], distanceKm, defaultRate);
            if (rate > 0)
            {
                contacts.Add(new Contact(from, to, start, end, light, rate, band, range));
            }
        }
    }

    /// <summary>The best rate from <paramref name="from"/> to <paramref name="to"/> over <paramref name="distanceKm"/>, and its band.</summary>
    public static (double Rate, string Band) Rate(ContactNode from, ContactNode to, double distanceKm, double defaultRate)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var best = (Rate: 0.0, Band: "");
        var shared = false;
        foreach (var tx in from.Radios)
        {
            foreach (var rx in to.Radios.Where(r => r.Band.Name == tx.Band.Name))
            {
                shared = true;
                var rate = LinkBudget.SupportedRateBitsPerSecond(tx, rx, distanceKm);
                if (rate > best.Rate)
                {
                    best = (rate, tx.Band.Name);
                }
            }
        }

        return shared ? best : (defaultRate, "");
    }

    // Where each node is, and its local frame for a surface site, at t seconds after the start.
    private static void Locate(IReadOnlyList<ContactNode> nodes, double[] levels, AstroTime start, double t, NodeState[] states)
    {
        var jdUtc = start.JulianDateUtc + (t / 86_400);
        var jdTt = jdUtc + (start.TtMinusUtcSeconds / 86_400);
        var centuries = (jdTt - AstroTime.J2000) / AstroTime.DaysPerCentury;
        var moon = Moon.GeocentricJ2000(centuries);
        var moonToJ2000 = MoonOrientation.BodyFixedToJ2000(jdTt);
        var earthToJ2000 = EarthRotation.EarthFixedToJ2000(jdUtc, centuries);
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            if (node.Orbit is { } orbit)
            {
                var since = t + (start.Utc - orbit.EpochUtc).TotalSeconds;
                states[i] = new NodeState(moon + orbit.MoonCentredJ2000(since), default, default, default, moon, double.NaN);
                continue;
            }

            var site = node.Site!;
            var toJ2000 = node.Kind == ContactNodeKind.LunarSite ? moonToJ2000 : earthToJ2000;
            var up = toJ2000.Apply(site.BodyFixedUp);
            var position = node.Kind == ContactNodeKind.LunarSite ? moon + toJ2000.Apply(site.BodyFixed) : toJ2000.Apply(site.BodyFixed);
            Vector3D north = default, east = default;
            if (double.IsNaN(levels[i]))
            {
                var pole = toJ2000.Apply(new Vector3D(0, 0, 1));
                east = pole.Cross(up);
                east = east.Length < 1e-12 ? toJ2000.Apply(new Vector3D(0, 1, 0)) : east.Normalize();
                north = up.Cross(east);
            }

            states[i] = new NodeState(position, up, north, east, moon, levels[i]);
        }
    }

    // How far inside visibility the pair is, in the sine of the elevation above what each end needs (a monotonic stand-in
    // for degrees that needs no arcsine): negative when they do not see each other.
    private static double Margin(ContactNode a, in NodeState sa, ContactNode b, in NodeState sb)
    {
        if (a.Kind == ContactNodeKind.Relay)
        {
            return Margin(b, sb, a, sa);
        }

        if (b.Kind == ContactNodeKind.Relay)
        {
            // From a surface site to a relay: above the site's horizon; a station must also see past the Moon.
            return a.Kind == ContactNodeKind.Station
                ? Math.Min(SinElevation(sa, sb.Position) - sa.SinLevel, LimbClearance(sb.Position, sb.Moon, sa.Position))
                : SinElevation(sa, sb.Position) - SinThreshold(a.Site!, sa, sb.Position);
        }

        var (lunar, station, sl, ss) = a.Kind == ContactNodeKind.LunarSite ? (a, b, sa, sb) : (b, a, sb, sa);
        return Math.Min(SinElevation(ss, sl.Position) - ss.SinLevel, SinElevation(sl, ss.Position) - SinThreshold(lunar.Site!, sl, ss.Position));
    }

    private static double SinDegrees(double degrees) => Math.Sin(degrees * Angles.Degree);

    private static double SinElevation(in NodeState from, Vector3D target)
    {
        var line = target - from.Position;
        return line.Dot(from.Up) / line.Length;
    }

    // The sine of the elevation a node needs all round, worked out once: a station's mask, a lunar site's mask or level
    // horizon, whichever is higher; NaN for a relay or a site whose horizon varies with azimuth.
    private static double LevelThreshold(ContactNode node) => node.Site switch
    {
        null => double.NaN,
        { } station when node.Kind == ContactNodeKind.Station => SinDegrees(station.ElevationMaskDegrees),
        { Horizon.IsLevel: true } site => SinDegrees(Math.Max(site.ElevationMaskDegrees, site.Horizon.ElevationDegrees(0))),
        _ => double.NaN,
    };

    private static double SinThreshold(Sites.SurfaceSite site, in NodeState state, Vector3D target)
    {
        if (!double.IsNaN(state.SinLevel))
        {
            return state.SinLevel;
        }

        var line = target - state.Position;
        var azimuth = Math.Atan2(line.Dot(state.East), line.Dot(state.North)) / Angles.Degree;
        return SinDegrees(Math.Max(site.ElevationMaskDegrees, site.Horizon.ElevationDegrees(azimuth < 0 ? azimuth + 360 : azimuth)));
    }

    // How far the line of sight from the relay passes outside the Moon's limb as the relay sees it, as the difference of
    // the cosines of the Moon's angular radius and of the angle to the target: negative when the Moon is in the way.
    private static double LimbClearance(Vector3D relay, Vector3D moon, Vector3D target)
    {
        var toMoon = moon - relay;
        var toTarget = target - relay;
        var moonDistance = toMoon.Length;
        var cosSeparation = toMoon.Dot(toTarget) / (moonDistance * toTarget.Length);
        var sinRadius = Math.Min(1, Moon.MeanRadiusKm / moonDistance);
        return Math.Sqrt(1 - (sinRadius * sinRadius)) - cosSeparation;
    }

    private readonly record struct NodeState(Vector3D Position, Vector3D Up, Vector3D North, Vector3D East, Vector3D Moon, double SinLevel);
}
