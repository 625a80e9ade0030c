using Selene.Astro.Contacts;
using Selene.Astro.Links;
using Selene.Astro.Time;

namespace Selene.Simulation.Model;

/// <summary>
/// A lunar site's link through the run's contact plan: up while an end-to-end path to some ground station exists
/// (direct, or through a relay that sees a station at the same time), its delay that path's light time (sampled at a
/// fixed step, interpolated between samples; centre to centre while no path exists), and each message carried by the
/// route that delivers it first, waiting at a relay for a later contact when it must (store and forward), at the
/// rates the contacts' link budgets give.
/// </summary>
internal sealed class ContactPlanLinkSchedule : ILinkSchedule
{
    private readonly int _site;
    private readonly int[] _stations;
    private readonly bool[] _isStation;
    private readonly IntervalSet _connected;
    private readonly ContactGraphRouter _router;
    private readonly double[] _delay;
    private readonly Func<int, bool> _toEarth;
    private readonly Func<int, bool> _toSite;
    private readonly IntervalSet _directOnly;

    public ContactPlanLinkSchedule(ContactPlan plan, int site, double stepSeconds)
    {
        _site = site;
        _isStation = plan.Nodes.Select(n => n.Kind == ContactNodeKind.Station).ToArray();
        _stations = Enumerable.Range(0, plan.Nodes.Count).Where(i => _isStation[i]).ToArray();
        _connected = plan.Connected(site);
        _router = new ContactGraphRouter(plan);
        _toEarth = node => _isStation[node];
        _toSite = node => node == site;
        StepSeconds = stepSeconds;
        var samples = (int)Math.Ceiling(plan.DurationSeconds / stepSeconds) + 1;
        _delay = new double[samples];
        var epoch = AstroTime.FromUtc(plan.Epoch);
        for (var i = 0; i < samples; i++)
        {
            var t = Math.Min(i * stepSeconds, plan.DurationSeconds);
            _delay[i] = plan.PathLightSecondsAt(site, t) ?? LightTime.MoonToEarthCentreSeconds(epoch.AddSeconds(t));
        }

        _directOnly = plan.Without(n => n.Kind == ContactNodeKind.Relay).Connected(site);
    }

    public double StepSeconds { get; }

    /// <summary>Mean one-way delay over the samples.</summary>
    public double MeanDelaySeconds => _delay.Average();

    /// <summary>Share of the first <paramref name="seconds"/> with an end-to-end path.</summary>
    public double ConnectedShare(double seconds) => _connected.Within(seconds).TotalSeconds / seconds;

    /// <summary>Share of the first <paramref name="seconds"/> the direct link alone is up (the same plan without its relays).</summary>
    public double DirectOnlyShare(double seconds) => _directOnly.Within(seconds).TotalSeconds / seconds;

    public double DelayAt(double time)
    {
        var position = Math.Clamp(time / StepSeconds, 0, _delay.Length - 1.000001);
        var index = (int)position;
        return _delay[index] + ((position - index) * (_delay[index + 1] - _delay[index]));
    }

    public double NextUp(double time) => _connected.NextInside(time);

    public (double Sent, double Arrival) Carry(double ready, double bytes, double bandwidthBitsPerSecond, bool towardEarth)
    {
        var (arrival, sent) = towardEarth
            ? _router.Route([_site], ready, bytes, _toEarth)
            : _router.Route(_stations, ready, bytes, _toSite);
        return (sent, arrival);
    }
}
