namespace Selene.Server.Faults;

/// <summary>
/// The faults the service has heard of, newest last: the live twin's and those operators report. Holds the latest
/// <see cref="Capacity"/>; a reader asks for those after the last id it saw. Safe to use from any thread.
/// </summary>
public sealed class FaultFeed
{
    /// <summary>How many faults the feed keeps.</summary>
    public const int Capacity = 10_000;

    private readonly Lock _gate = new();
    private readonly Queue<FaultReport> _faults = new();
    private long _lastId;

    /// <summary>Faults heard of since the service started, including those no longer kept.</summary>
    public long Count
    {
        get
        {
            lock (_gate)
            {
                return _lastId;
            }
        }
    }

    /// <summary>Adds a fault and returns it with its id.</summary>
    public FaultReport Add(DateTimeOffset time, string site, string node, string type, string severity, string source)
    {
        lock (_gate)
        {
            var report = new FaultReport(++_lastId, time, site, node, type, severity, source);
            _faults.Enqueue(report);
            if (_faults.Count > Capacity)
            {
                _faults.Dequeue();
            }

            return report;
        }
    }

    /// <summary>At most <paramref name="limit"/> faults with an id above <paramref name="afterId"/>, the latest of them.</summary>
    public IReadOnlyList<FaultReport> After(long afterId, int limit)
    {
        lock (_gate)
        {
            var newer = _faults.Where(f => f.Id > afterId).ToList();
            return newer.Count > limit ? newer[^limit..] : newer;
        }
    }
}
