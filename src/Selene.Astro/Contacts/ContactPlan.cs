namespace Selene.Astro.Contacts;

/// <summary>
/// The contacts between a run's lunar sites, relays and ground stations, worked out once before the run (see
/// <see cref="ContactPlanner"/>): when each directed link exists, its light time and its rate; with the connectivity
/// each lunar site has toward Earth.
/// </summary>
public sealed class ContactPlan
{
    private readonly Dictionary<(int From, int To), Contact[]> _byPair;

    /// <summary>Creates a plan from its contacts.</summary>
    public ContactPlan(IReadOnlyList<ContactNode> nodes, DateTimeOffset epoch, double durationSeconds, IEnumerable<Contact> contacts)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(contacts);
        Nodes = nodes;
        Epoch = epoch;
        DurationSeconds = durationSeconds;
        Contacts = contacts.OrderBy(c => c.Start).ThenBy(c => c.From).ThenBy(c => c.To).ToArray();
        _byPair = Contacts.GroupBy(c => (c.From, c.To)).ToDictionary(g => g.Key, g => g.OrderBy(c => c.Start).ToArray());
        Outgoing = Enumerable.Range(0, nodes.Count)
            .Select(i => (IReadOnlyList<int>)_byPair.Keys.Where(k => k.From == i).Select(k => k.To).Order().ToArray()).ToArray();
    }

    /// <summary>The nodes; contacts refer to them by index.</summary>
    public IReadOnlyList<ContactNode> Nodes { get; }

    /// <summary>Start of the plan.</summary>
    public DateTimeOffset Epoch { get; }

    /// <summary>Length of the plan, seconds.</summary>
    public double DurationSeconds { get; }

    /// <summary>Every contact, by start time.</summary>
    public IReadOnlyList<Contact> Contacts { get; }

    /// <summary>Per node, the nodes it has contacts to.</summary>
    public IReadOnlyList<IReadOnlyList<int>> Outgoing { get; }

    /// <summary>The index of the node named <paramref name="name"/>, or −1.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Nodes.Count; i++)
        {
            if (Nodes[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The contacts from <paramref name="from"/> to <paramref name="to"/>, by start (disjoint).</summary>
    public ReadOnlySpan<Contact> Between(int from, int to) => _byPair.TryGetValue((from, to), out var list) ? list : [];

    /// <summary>The contact from <paramref name="from"/> to <paramref name="to"/> open at <paramref name="time"/>, if any.</summary>
    public Contact? ActiveAt(int from, int to, double time)
    {
        var contacts = Between(from, to);
        var first = FirstEndingAfter(contacts, time);
        return first < contacts.Length && contacts[first].Start <= time ? contacts[first] : null;
    }

    /// <summary>The index of the first of <paramref name="contacts"/> (one pair's, disjoint and by start) that ends after <paramref name="time"/>.</summary>
    public static int FirstEndingAfter(ReadOnlySpan<Contact> contacts, double time)
    {
        int low = 0, high = contacts.Length;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (contacts[mid].End > time)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        return low;
    }

    /// <summary>
    /// The shortest one-way light time of an end-to-end path from <paramref name="site"/> to a ground station open at
    /// <paramref name="time"/> (direct, or through one relay); null when none is.
    /// </summary>
    public double? PathLightSecondsAt(int site, double time)
    {
        double? best = null;
        foreach (var next in Outgoing[site])
        {
            if (ActiveAt(site, next, time) is not { } first)
            {
                continue;
            }

            var hop = first.LightSecondsAt(time);
            if (Nodes[next].Kind == ContactNodeKind.Station)
            {
                best = Math.Min(best ?? double.PositiveInfinity, hop);
                continue;
            }

            foreach (var station in Outgoing[next])
            {
                if (Nodes[station].Kind == ContactNodeKind.Station && ActiveAt(next, station, time) is { } second)
                {
                    best = Math.Min(best ?? double.PositiveInfinity, hop + second.LightSecondsAt(time));
                }
            }
        }

        return best;
    }

    /// <summary>The same plan without the contacts of the nodes <paramref name="drop"/> picks (the nodes stay, unconnected).</summary>
    public ContactPlan Without(Func<ContactNode, bool> drop)
    {
        ArgumentNullException.ThrowIfNull(drop);
        return new ContactPlan(Nodes, Epoch, DurationSeconds, Contacts.Where(c => !drop(Nodes[c.From]) && !drop(Nodes[c.To])));
    }

    /// <summary>
    /// When <paramref name="site"/> has an end-to-end path to some ground station: a direct contact, or a contact to a
    /// relay while that relay has a contact to a station.
    /// </summary>
    public IntervalSet Connected(int site)
    {
        var stations = Enumerable.Range(0, Nodes.Count).Where(i => Nodes[i].Kind == ContactNodeKind.Station).ToList();
        var paths = IntervalSet.Empty;
        foreach (var next in Outgoing[site])
        {
            var first = IntervalSet.Of(Between(site, next));
            if (Nodes[next].Kind == ContactNodeKind.Station)
            {
                paths = paths.Union(first);
            }
            else if (Nodes[next].Kind == ContactNodeKind.Relay)
            {
                var onward = IntervalSet.Empty;
                foreach (var station in stations)
                {
                    onward = onward.Union(IntervalSet.Of(Between(next, station)));
                }

                paths = paths.Union(first.Intersect(onward));
            }
        }

        return paths;
    }

    /// <summary>The share of the plan during which <paramref name="site"/> has an end-to-end path to Earth.</summary>
    public double ConnectedShare(int site) => Connected(site).TotalSeconds / DurationSeconds;
}
