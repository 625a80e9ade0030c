namespace Selene.Astro.Contacts;

/// <summary>A union of disjoint, sorted time intervals [start, end), seconds.</summary>
public sealed class IntervalSet
{
    private readonly (double Start, double End)[] _intervals;

    private IntervalSet((double Start, double End)[] intervals) => _intervals = intervals;

    /// <summary>No time at all.</summary>
    public static IntervalSet Empty { get; } = new([]);

    /// <summary>The intervals, sorted and disjoint.</summary>
    public IReadOnlyList<(double Start, double End)> Intervals => _intervals;

    /// <summary>Total length, seconds.</summary>
    public double TotalSeconds => _intervals.Sum(i => i.End - i.Start);

    /// <summary>The set the contacts cover.</summary>
    public static IntervalSet Of(ReadOnlySpan<Contact> contacts)
    {
        var list = new (double, double)[contacts.Length];
        for (var i = 0; i < contacts.Length; i++)
        {
            list[i] = (contacts[i].Start, contacts[i].End);
        }

        return Of(list);
    }

    /// <summary>The set the intervals cover, in any order, overlapping or not.</summary>
    public static IntervalSet Of(IEnumerable<(double Start, double End)> intervals)
    {
        var merged = new List<(double Start, double End)>();
        foreach (var (start, end) in intervals.Where(i => i.End > i.Start).OrderBy(i => i.Start))
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

        return new IntervalSet([.. merged]);
    }

    /// <summary>Time in either set.</summary>
    public IntervalSet Union(IntervalSet other) => Of(_intervals.Concat(other._intervals));

    /// <summary>The part of the set before <paramref name="end"/>.</summary>
    public IntervalSet Within(double end) => Intersect(Of([(0.0, end)]));

    /// <summary>Time in both sets.</summary>
    public IntervalSet Intersect(IntervalSet other)
    {
        var result = new List<(double, double)>();
        int i = 0, j = 0;
        while (i < _intervals.Length && j < other._intervals.Length)
        {
            var start = Math.Max(_intervals[i].Start, other._intervals[j].Start);
            var end = Math.Min(_intervals[i].End, other._intervals[j].End);
            if (end > start)
            {
                result.Add((start, end));
            }

            if (_intervals[i].End < other._intervals[j].End)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return new IntervalSet([.. result]);
    }

    /// <summary>Whether <paramref name="time"/> is inside the set.</summary>
    public bool Contains(double time) => IndexAtOrAfter(time) is var k && k < _intervals.Length && _intervals[k].Start <= time;

    /// <summary>The earliest time at or after <paramref name="time"/> inside the set; +∞ when none.</summary>
    public double NextInside(double time)
    {
        var k = IndexAtOrAfter(time);
        return k == _intervals.Length ? double.PositiveInfinity : Math.Max(time, _intervals[k].Start);
    }

    // The first interval that ends after `time`.
    private int IndexAtOrAfter(double time)
    {
        int low = 0, high = _intervals.Length;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (_intervals[mid].End > time)
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
}
