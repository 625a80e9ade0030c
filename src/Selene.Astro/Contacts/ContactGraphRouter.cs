namespace Selene.Astro.Contacts;

/// <summary>
/// Earliest-arrival routing over a contact plan, in the manner of DTN's contact graph routing: a message waits at a
/// node (store and forward) for the next contact that can still carry it whole, is sent at the contact's rate, and
/// arrives one light time later; Dijkstra over arrival times finds the route that delivers it first. Contacts are taken
/// as having room for it (the volume other traffic has booked on them is not tracked).
/// </summary>
public sealed class ContactGraphRouter
{
    private readonly ContactPlan _plan;
    private readonly double[] _arrival;
    private readonly double[] _firstSent;
    private readonly bool[] _done;
    private readonly PriorityQueue<int, double> _queue = new();

    /// <summary>Creates a router over <paramref name="plan"/> (not safe for use from several threads at once).</summary>
    public ContactGraphRouter(ContactPlan plan)
    {
        _plan = plan ?? throw new ArgumentNullException(nameof(plan));
        _arrival = new double[plan.Nodes.Count];
        _firstSent = new double[plan.Nodes.Count];
        _done = new bool[plan.Nodes.Count];
    }

    /// <summary>
    /// When a message of <paramref name="bytes"/> ready at every node of <paramref name="sources"/> at
    /// <paramref name="time"/> first reaches a node that <paramref name="isDestination"/> accepts; +∞ when no contact
    /// in the plan can carry it.
    /// </summary>
    public double EarliestArrival(ReadOnlySpan<int> sources, double time, double bytes, Func<int, bool> isDestination) =>
        Route(sources, time, bytes, isDestination).Arrival;

    /// <summary>
    /// As <see cref="EarliestArrival"/>, with the moment the first hop of the chosen route has sent the message (when the
    /// sender is free for the next one); both +∞ when nothing can carry it.
    /// </summary>
    public (double Arrival, double FirstHopSent) Route(ReadOnlySpan<int> sources, double time, double bytes, Func<int, bool> isDestination)
    {
        ArgumentNullException.ThrowIfNull(isDestination);
        Array.Fill(_arrival, double.PositiveInfinity);
        Array.Fill(_firstSent, double.PositiveInfinity);
        Array.Clear(_done);
        _queue.Clear();
        foreach (var source in sources)
        {
            _arrival[source] = time;
            _firstSent[source] = time;
            _queue.Enqueue(source, time);
        }

        var bits = bytes * 8;
        while (_queue.TryDequeue(out var node, out var at))
        {
            if (_done[node] || at > _arrival[node])
            {
                continue;
            }

            _done[node] = true;
            if (isDestination(node))
            {
                return (at, _firstSent[node]);
            }

            var isSource = sources.Contains(node);
            foreach (var next in _plan.Outgoing[node])
            {
                if (_done[next])
                {
                    continue;
                }

                var (reached, sent) = FirstDelivery(_plan.Between(node, next), at, bits);
                if (reached < _arrival[next])
                {
                    _arrival[next] = reached;
                    _firstSent[next] = isSource ? sent : _firstSent[node];
                    _queue.Enqueue(next, reached);
                }
            }
        }

        return (double.PositiveInfinity, double.PositiveInfinity);
    }

    /// <summary>
    /// The earliest arrival at the far end of <paramref name="contacts"/> for <paramref name="bits"/> ready at
    /// <paramref name="ready"/>, and when the sending ends.
    /// </summary>
    public static (double Arrival, double Sent) FirstDelivery(ReadOnlySpan<Contact> contacts, double ready, double bits)
    {
        for (var k = ContactPlan.FirstEndingAfter(contacts, ready); k < contacts.Length; k++)
        {
            var contact = contacts[k];
            var sent = Math.Max(ready, contact.Start) + (bits / contact.RateBitsPerSecond);
            if (sent <= contact.End)
            {
                return (sent + contact.LightSecondsAt(sent), sent);
            }
        }

        return (double.PositiveInfinity, double.PositiveInfinity);
    }
}
