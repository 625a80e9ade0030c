using Selene.Simulation.Kernel;
using Selene.Simulation.Model;
using Selene.Simulation.Randomness;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.Faults;

/// <summary>
/// The scenario's fault processes as kernel events: per node, single-event upsets (a Poisson process at the
/// location's rate per GPU-day × installed GPUs, raised during solar storms by thinning) with their outcomes, and
/// micrometeoroid impacts (Poisson at the summed flux × exposed area, size class drawn by flux) with their damage;
/// storms and each remote site's link outages are drawn for the whole run up front, and an outage is logged when it begins. A live node reports each
/// fault that befalls it through <c>reported</c>, as a link outage is (with no node). Every stream derives from the scenario seed.
/// </summary>
internal sealed class FaultProcesses
{
    private readonly SimulationKernel _kernel;
    private readonly FaultSpec _spec;
    private readonly RandomStreams _streams;
    private readonly FaultLog _log;
    private readonly Action<NodeServer, string, CosmicEvent> _nodeLost;
    private readonly Action<NodeServer?, CosmicEvent> _reported;
    private readonly double _durationSeconds;
    private readonly List<(double Start, double End)> _storms = [];

    public FaultProcesses(SimulationKernel kernel, FaultSpec spec, RandomStreams streams, double durationSeconds, FaultLog log,
        Action<NodeServer, string, CosmicEvent> nodeLost, Action<NodeServer?, CosmicEvent> reported)
    {
        _kernel = kernel;
        _spec = spec;
        _streams = streams;
        _log = log;
        _nodeLost = nodeLost;
        _reported = reported;
        _durationSeconds = durationSeconds;
        _storms.AddRange(PoissonIntervals.Draw(streams.Get("faults/storms"), spec.Storms.PerYear / (365.25 * 86_400), durationSeconds, _ => spec.Storms.DurationSeconds));

        log.Storms.AddRange(_storms);
    }

    /// <summary>
    /// The schedule of a remote site's link with its unplanned outages laid over it; each outage is logged when it
    /// begins.
    /// </summary>
    public ILinkSchedule WithOutages(SiteState site, ILinkSchedule schedule)
    {
        var drawn = PoissonIntervals.Draw(_streams.Get($"faults/link/{site.Spec.Name}"), _spec.LinkOutages, _durationSeconds);
        if (drawn.Count == 0)
        {
            return schedule;
        }

        LogOutagesFrom(site.Spec.Name, drawn, 0);
        return new OutageLinkSchedule(schedule, drawn);
    }

    // One outage waits in the kernel's queue at a time: a year of them scheduled up front would deepen the queue
    // every other event passes through.
    private void LogOutagesFrom(string site, List<(double Start, double End)> outages, int index)
    {
        if (index < outages.Count)
        {
            _kernel.ScheduleAt(outages[index].Start, () =>
            {
                _reported(null, _log.Record(site, "", "link-outage", _kernel.Now, InStorm(_kernel.Now)));
                LogOutagesFrom(site, outages, index + 1);
            });
        }
    }

    /// <summary>Starts the processes of a node that just came online.</summary>
    public void Start(NodeServer node)
    {
        var location = node.Site.Spec.Location;
        var stream = _streams.Get($"faults/{node.Profile.Node.Name}");
        var peak = _spec.Storms.Locations.Contains(location) ? Math.Max(1, _spec.Storms.UpsetMultiplier) : 1;
        var upsetRate = _spec.UpsetsPerGpuDay.GetValueOrDefault(location) * node.Installed / 86_400 * peak;
        if (upsetRate > 0)
        {
            NextUpset(node, stream, upsetRate, peak);
        }

        var impactRate = location == SiteLocation.Earth ? 0 : _spec.Impacts.Sum(c => c.PerSquareMetreYear) * _spec.ExposedAreaSquareMetres / (365.25 * 86_400);
        if (impactRate > 0)
        {
            NextImpact(node, _streams.Get($"faults/{node.Profile.Node.Name}/impacts"), impactRate);
        }
    }

    private bool InStorm(double t)
    {
        foreach (var (start, end) in _storms)
        {
            if (t >= start && t < end)
            {
                return true;
            }
        }

        return false;
    }

    private void NextUpset(NodeServer node, RandomSource stream, double rate, double peak) =>
        _kernel.Schedule(stream.NextStandardExponential() / rate, () =>
        {
            if (node.Destroyed)
            {
                return;
            }

            // Thinning: candidates come at the storm rate; outside a storm one in `peak` is an upset.
            var storm = peak > 1 && InStorm(_kernel.Now);
            if (storm || stream.NextDouble() * peak < 1)
            {
                Upset(node, stream, storm);
            }

            NextUpset(node, stream, rate, peak);
        });

    private void Upset(NodeServer node, RandomSource stream, bool storm)
    {
        var outcome = Draw(stream, _spec.Outcomes);
        var cosmic = _log.Record(node.Site.Spec.Name, node.Profile.Node.Name, $"upset-{Kebab(outcome.ToString())}", _kernel.Now, storm);
        switch (outcome)
        {
            case UpsetOutcome.DetectedCorruption:
                node.Corrupt(stream.NextInt, "detected corruption from a single-event upset");
                break;
            case UpsetOutcome.GpuHang:
                if (node.TakeGpuOffline("GPU hang from a single-event upset"))
                {
                    _kernel.Schedule(_spec.RebootSeconds, node.BringGpuOnline);
                }

                break;
            case UpsetOutcome.Permanent:
                node.FailGpuForGood("GPU failure from a single-event upset");
                break;
        }

        _reported(node, cosmic);
    }

    private void NextImpact(NodeServer node, RandomSource stream, double rate) =>
        _kernel.Schedule(stream.NextStandardExponential() / rate, () =>
        {
            if (node.Destroyed)
            {
                return;
            }

            var total = _spec.Impacts.Sum(c => c.PerSquareMetreYear);
            var pick = stream.NextDouble() * total;
            var size = _spec.Impacts.First(c => (pick -= c.PerSquareMetreYear) < 0 || c == _spec.Impacts[^1]);
            var cosmic = _log.Record(node.Site.Spec.Name, node.Profile.Node.Name, $"micrometeoroid-{Kebab(size.Damage.ToString())}", _kernel.Now, storm: false);
            if (size.Damage == ImpactDamage.Node)
            {
                _nodeLost(node, $"node lost to a {size.Name} micrometeoroid", cosmic);
                return;
            }

            _reported(node, cosmic);

            NextImpact(node, stream, rate);
        });

    private static T Draw<T>(RandomSource stream, IReadOnlyDictionary<T, double> shares)
        where T : struct, Enum
    {
        var u = stream.NextDouble();
        var last = default(T);
        foreach (var value in Enum.GetValues<T>())
        {
            if (!shares.TryGetValue(value, out var share) || share <= 0)
            {
                continue;
            }

            last = value;
            u -= share;
            if (u < 0)
            {
                return value;
            }
        }

        return last;
    }

    private static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
