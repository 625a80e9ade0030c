namespace Selene.Simulation.Model;

/// <summary>
/// A link schedule with unplanned outages laid over another: down whenever the inner schedule is down or an
/// outage lasts. Outages are drawn before the run, sorted and merged, so a lookup is a binary search.
/// </summary>
internal sealed class OutageLinkSchedule : ILinkSchedule
{
    private readonly ILinkSchedule _inner;
    private readonly double[] _starts;
    private readonly double[] _ends;

    /// <param name="inner">The schedule without outages (the ephemeris, or always up).</param>
    /// <param name="outages">Outage intervals, in any order; overlapping ones are merged.</param>
    public OutageLinkSchedule(ILinkSchedule inner, IEnumerable<(double Start, double End)> outages)
    {
        _inner = inner;
        var merged = new List<(double Start, double End)>();
        foreach (var (start, end) in outages.OrderBy(o => o.Start))
        {
            if (merged.Count > 0 && start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, end));
            }
            else
            {
                merged.Add((start, end));
            }
        }

        _starts = merged.Select(o => o.Start).ToArray();
        _ends = merged.Select(o => o.End).ToArray();
    }

    public double DelayAt(double time) => _inner.DelayAt(time);

    /// <summary>Held until no outage lasts, then carried as the inner schedule carries it.</summary>
    public (double Sent, double Arrival) Carry(double ready, double bytes, double bandwidthBitsPerSecond, bool towardEarth)
    {
        var start = NextUp(ready);
        return double.IsFinite(start) ? _inner.Carry(start, bytes, bandwidthBitsPerSecond, towardEarth) : (start, start);
    }

    /// <summary>Seconds of the outages (merged) that fall before <paramref name="end"/>.</summary>
    public double OutageSeconds(double end)
    {
        var total = 0.0;
        for (var i = 0; i < _starts.Length && _starts[i] < end; i++)
        {
            total += Math.Min(_ends[i], end) - _starts[i];
        }

        return total;
    }

    /// <summary>The inner schedule's answer: an unplanned outage is not in anyone's plan.</summary>
    public double PlannedUp(double time) => _inner.PlannedUp(time);

    public double NextUp(double time)
    {
        while (double.IsFinite(time))
        {
            time = _inner.NextUp(time);
            // The last outage starting at or before the time, if it has not ended, pushes the time to its end.
            var index = Array.BinarySearch(_starts, time);
            index = index >= 0 ? index : ~index - 1;
            if (index < 0 || time >= _ends[index])
            {
                return time;
            }

            time = _ends[index];
        }

        return time;
    }
}
