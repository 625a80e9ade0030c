namespace Selene.Simulation.Faults;

/// <summary>Every fault of a run, counted by site and type and in time bins, with the solar storms.</summary>
internal sealed class FaultLog(double durationSeconds, double binSeconds)
{
    private readonly int _bins = Math.Max(1, (int)Math.Ceiling(durationSeconds / binSeconds));

    /// <summary>Faults per (site, type).</summary>
    public SortedDictionary<(string Site, string Type), long> Counts { get; } = new(Comparer<(string, string)>.Create((a, b) =>
        StringComparer.Ordinal.Compare(a.Item1, b.Item1) is var c && c != 0 ? c : StringComparer.Ordinal.Compare(a.Item2, b.Item2)));

    /// <summary>Faults per type per time bin.</summary>
    public SortedDictionary<string, long[]> Series { get; } = new(StringComparer.Ordinal);

    /// <summary>Faults that happened during a solar storm.</summary>
    public long DuringStorms { get; private set; }

    /// <summary>Solar storms: start and end, simulated seconds.</summary>
    public List<(double Start, double End)> Storms { get; } = [];

    public double BinSeconds => binSeconds;

    /// <summary>Every fault as a cosmic event, in time order.</summary>
    public List<CosmicEvent> Events { get; } = [];

    public CosmicEvent Record(string site, string node, string type, double time, bool storm)
    {
        var cosmic = new CosmicEvent(Events.Count + 1, time, site, node, type, CosmicEvent.SeverityOf(type));
        Events.Add(cosmic);
        Counts[(site, type)] = Counts.GetValueOrDefault((site, type)) + 1;
        if (!Series.TryGetValue(type, out var bins))
        {
            bins = new long[_bins];
            Series.Add(type, bins);
        }

        bins[Math.Min(_bins - 1, (int)(time / binSeconds))]++;
        DuringStorms += storm ? 1 : 0;
        return cosmic;
    }
}
