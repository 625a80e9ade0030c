namespace Selene.Astro.Contacts;

/// <summary>
/// Earliest-arrival routing over a contact plan, in the manner of DTN's contact graph routing: a message waits at a
/// node (store and forward) for the next contact that can still carry it whole, is sent at the contact's rate, and
/// arrives one light time later; Dijkstra over arrival times finds the route that delivers it first. Contacts are taken
/// as having room for it (the volume other traffic has booked on them is not tracked).
/// </summary>
public sealed class ContactGraphRouter(ContactPlan plan)
{
    private readonly ContactPlan _plan = plan ?? throw new ArgumentNullException(nameof(plan));

    /// <summary>
    /// When a message of <paramref name="bytes"/> ready at every node of <paramref name="sources"/> at
    /// <paramref name="time"/> first reaches a node that <paramref name="isDestination"/> accepts; +∞ when no contact
    /// in the plan can carry it.
    /// </summary>
    public double EarliestArrival(ReadOnlySpan<int> sources, double time, double bytes, Func<int, bool> isDestination)
    {
        ArgumentNullException.ThrowIfNull(isDestination);
        var n = _plan.Nodes.Count;
        var arrival = new double[n];
        Array.Fill(arrival, double.PositiveInfinity);
        var done = new bool[n];
        var queue = new PriorityQueue<int, double>();
        foreach (var source in sources)
        {
            arrival[source] = time;
            queue.Enqueue(source, time);
        }

        var bits = bytes * 8;
        while (queue.TryDequeue(out var node, out var at))
        {
            if (done[node] || at > arrival[node])
            {
                continue;
            }

            done[node] = true;
            if (isDestination(node))
            {
                return at;
            }

            foreach (var next in _plan.Outgoing[node])
            {
                if (done[next])
                {
                    continue;
                }

                var reached = FirstDelivery(_plan.Between(node, next), at, bits);
                if (reached < arrival[next])
                {
                    arrival[next] = reached;
                    queue.Enqueue(next, reached);
                }
            }
        }

        return double.PositiveInfinity;
    }

    /// <summary>The earliest arrival at the far end of <paramref name="contacts"/> for <paramref name="bits"/> ready at <paramref name="ready"/>.</summary>
    public static double FirstDelivery(ReadOnlySpan<Contact> contacts, double ready, double bits)
    {
        // The first contact still open at `ready`; contacts of one pair are disjoint and sorted.
        int low = 0, high = contacts.Length;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (contacts[mid].End > ready)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        for (var k = low; k < contacts.Length; k++)
        {
            var contact = contacts[k];
            var sent = Math.Max(ready, contact.Start) + (bits / contact.RateBitsPerSecond);
            if (sent <= contact.End)
            {
                return sent + contact.OneWayLightSeconds;
            }
        }

        return double.PositiveInfinity;
    }
}
