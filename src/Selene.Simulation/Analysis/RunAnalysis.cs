using System.Globalization;
using Selene.Simulation.ControlPlane;
using Selene.Simulation.Faults;
using Selene.Simulation.Kernel;
using Selene.Simulation.Metrics;
using Selene.Simulation.Model;
using Selene.Simulation.Scenarios;
using Selene.Simulation.Webhooks;

namespace Selene.Simulation.Analysis;

/// <summary>
/// Turns a finished run's records (tenants' counters and recorders, sites' series, replicas, launches, faults, the
/// link's schedule, the control plane's and the webhooks' own records) into its <see cref="MetricsDocument"/>. It
/// changes nothing in the run.
/// </summary>
internal sealed class RunAnalysis(
    Scenario scenario,
    double binSeconds,
    SimulationKernel kernel,
    IReadOnlyList<SiteState> sites,
    IReadOnlyList<TenantState> tenantStates,
    IReadOnlyList<Replica> replicaLog,
    IReadOnlyList<LaunchRecord> launchRecords,
    FaultLog faultLog,
    IReadOnlyList<SplitPlanMetrics> splitPlans)
{
    private readonly Scenario _scenario = scenario;
    private readonly SimulationKernel _kernel = kernel;
    private readonly IReadOnlyList<SiteState> _sites = sites;
    private readonly IReadOnlyList<TenantState> _tenants = tenantStates;
    private readonly IReadOnlyList<Replica> _replicaLog = replicaLog;
    private readonly IReadOnlyList<LaunchRecord> _launches = launchRecords;
    private readonly FaultLog _faultLog = faultLog;
    private readonly IReadOnlyList<SplitPlanMetrics> _splitPlans = splitPlans;

    /// <summary>The control plane, when the run had one.</summary>
    public TwinControlPlane? ControlPlane { get; init; }

    /// <summary>Nodes lost in the run.</summary>
    public long NodesLost { get; init; }

    /// <summary>Cosmic-event taints set on nodes.</summary>
    public long TaintsSet { get; init; }

    /// <summary>The webhook subscribers' deliveries, when the run had any.</summary>
    public WebhookDeliveries? Webhooks { get; init; }

    private double BinSeconds => binSeconds;

    /// <summary>The run's metrics, with the lunar power systems' results as computed before it.</summary>
    public MetricsDocument Metrics(IReadOnlyList<PowerSiteMetrics>? power)
    {
        var end = _scenario.DurationSeconds;
        var tenants = _tenants.Select(t => TenantResult(t, end)).ToList();
        var sites = _sites.Select(s => SiteResult(s, end)).ToList();
        var link = _scenario.Link;
        var launches = _launches
            .Select(l => l.Outcome == "lost" ? l : l with { Outcome = l.OnlineSeconds <= end ? "delivered" : "in-transit" })
            .ToList();
        var arrived = tenants.Sum(t => t.Arrived);
        var served = tenants.Sum(t => t.Served);
        var failed = tenants.Sum(t => t.Failed.Values.Sum());
        var inFlight = tenants.Sum(t => t.InFlight.Total);
        var shed = tenants.Sum(t => t.Shed.Values.Sum());
        return new MetricsDocument(
            MetricsDocument.SchemaId,
            new ScenarioInfo(_scenario.Name, _scenario.Source, _scenario.Seed, end,
                _scenario.Epoch.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)),
            new AccountingMetrics(arrived, served, failed, shed, inFlight, arrived == served + failed + shed + inFlight),
            tenants,
            sites,
            LinkResult(end),
            launches,
            FaultResult(),
            ControlPlane is { } plane
                ? new ControlPlaneMetrics(_scenario.Tenants.Count(t => t.Serving is not null), NodesLost, DurationSummary.Of(plane.DetectSeconds), DurationSummary.Of(plane.RecoverSeconds),
                    plane.FaultsFollowedByRecovery, plane.FaultsUnrecoveredAtEnd, TaintsSet, plane.Evictions, plane.IdentityConflicts, plane.AtDesired, plane.Gpus)
                : null,
            Webhooks?.Result(end, _faultLog.Counts.Values.Sum()),
            power,
            new KernelMetrics(_kernel.EventsProcessed, _kernel.Pending))
        {
            SplitPlans = _splitPlans.Count > 0 ? _splitPlans : null,
            FeltRecovery = _scenario.Faults is null ? null : Analysis.FeltRecovery.Of(_faultLog.Events, _tenants, end),
            Replicas = _tenants.Any(t => t.Spec.Serving is not null) ? ServingResults.Replicas(_replicaLog, end, BinSeconds) : null,
            Moderation = _scenario.Moderation is { } moderation
                ? Moderation.ModerationModel.Run(moderation, _tenants.Single(t => t.Spec.Name == moderation.Tenant).ServedPerBin, BinSeconds, end)
                : null,
        };
    }

    private FaultMetrics FaultResult()
    {
        var log = _faultLog;
        return new FaultMetrics(
            log.Counts.Values.Sum(),
            new SortedDictionary<string, long>(log.Counts.GroupBy(c => c.Key.Type).ToDictionary(g => g.Key, g => g.Sum(c => c.Value)), StringComparer.Ordinal),
            new SortedDictionary<string, IReadOnlyDictionary<string, long>>(log.Counts.GroupBy(c => c.Key.Site).ToDictionary(
                g => g.Key,
                g => (IReadOnlyDictionary<string, long>)new SortedDictionary<string, long>(g.ToDictionary(c => c.Key.Type, c => c.Value), StringComparer.Ordinal)), StringComparer.Ordinal),
            log.DuringStorms,
            log.Storms.Select(s => new[] { s.Start, s.End }).ToList(),
            log.BinSeconds,
            log.Series);
    }

    private LinkMetrics LinkResult(double end)
    {
        var spec = _scenario.Link;
        var links = _sites.Where(s => s.Link is not null).ToList();
        var channels = links.SelectMany(s => new[] { s.Link!.Uplink, s.Link.Downlink }).ToList();
        var bins = (int)Math.Ceiling(end / BinSeconds);
        var sites = links.Select(site =>
        {
            var schedule = site.Link!.Schedule;
            // Sampled each minute (or 1/100 bin, if finer) across every bin.
            var samplesPerBin = Math.Max(1, (int)Math.Ceiling(BinSeconds / 60));
            var delay = new double[bins];
            var up = new double[bins];
            for (var bin = 0; bin < bins; bin++)
            {
                var width = Math.Min(BinSeconds, end - (bin * BinSeconds));
                for (var k = 0; k < samplesPerBin; k++)
                {
                    var t = (bin * BinSeconds) + ((k + 0.5) * width / samplesPerBin);
                    delay[bin] += schedule.DelayAt(t) / samplesPerBin;
                    up[bin] += schedule.NextUp(t) == t ? 1.0 / samplesPerBin : 0;
                }
            }

            var widths = Enumerable.Range(0, bins).Select(b => Math.Min(BinSeconds, end - (b * BinSeconds))).ToArray();
            var availability = up.Select((u, b) => u * widths[b]).Sum() / end;
            var planned = site.Link.Planned;
            return new LinkSiteMetrics(site.Spec.Name, availability, site.Link.MeanDelaySeconds, delay.Min(), delay.Max(), BinSeconds, delay, up,
                planned?.ConnectedShare(end), planned?.DirectOnlyShare(end));
        }).ToList();

        return new LinkMetrics(spec.Name, spec.FollowsEphemeris ? "ephemeris" : "constant", spec.OneWayDelaySeconds,
            spec.BandwidthBitsPerSecond / 1e6,
            links.Sum(s => s.Link!.Uplink.Messages), links.Sum(s => s.Link!.Downlink.Messages),
            links.Sum(s => s.Link!.Uplink.Bytes), links.Sum(s => s.Link!.Downlink.Bytes),
            channels.Sum(c => c.Retransmissions), sites);
    }

    private TenantMetrics TenantResult(TenantState tenant, double end)
    {
        var latency = tenant.Latency;
        var inFlight = new InFlightMetrics(
            tenant.InStage(RequestStage.Pending),
            tenant.InStage(RequestStage.Uplink), tenant.InStage(RequestStage.Queued),
            tenant.InStage(RequestStage.InService), tenant.InStage(RequestStage.Downlink), tenant.InFlight);
        var bySite = new SortedDictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < _sites.Count; i++)
        {
            bySite[_sites[i].Spec.Name] = tenant.ServedBySite[i];
        }

        var objectives = tenant.Spec.Objectives;
        var finished = tenant.Served + tenant.Failed.Values.Sum() + tenant.Shed.Values.Sum();
        var met = tenant.MetObjectives;
        return new TenantMetrics(
            tenant.Spec.Name,
            tenant.Spec.Class.ToString().ToLowerInvariant(),
            tenant.Spec.BudgetSeconds,
            tenant.Arrived,
            tenant.Served,
            tenant.ServedWithinBudget,
            tenant.Served == 0 ? 0 : tenant.ServedWithinBudget / (double)tenant.Served,
            new SortedDictionary<string, long>(tenant.Failed, StringComparer.Ordinal),
            tenant.Retried,
            inFlight,
            tenant.Served / end,
            ServingResults.Summary(latency),
            tenant.WaitCount == 0 ? 0 : tenant.WaitSumSeconds / tenant.WaitCount,
            bySite,
            ServingResults.Cdf(latency))
        {
            Goodput = finished == 0 ? 0 : met / (double)finished,
            GoodputPerSecond = met / end,
            Objectives = new ObjectiveMetrics(Finite(objectives.TtftSeconds), Finite(objectives.TpotSeconds), Finite(objectives.E2eSeconds)),
            Serving = tenant.Spec.Serving!.ServesWholeRequests ? null : ServingResults.Tenant(tenant, _replicaLog, end, BinSeconds),
            Shed = new SortedDictionary<string, long>(tenant.Shed, StringComparer.Ordinal),
            GoodputSeries = ServingResults.Goodput(tenant, end, BinSeconds),
        };
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private SiteMetrics SiteResult(SiteState site, double end)
    {
        var gpus = site.Gpus.Means(end);
        var busy = site.Busy.Means(end);
        var queue = site.Queued.Means(end);
        var utilisation = gpus.Select((g, i) => g > 0 ? busy[i] / g : 0).ToArray();
        var available = site.Gpus.Total;
        return new SiteMetrics(
            site.Spec.Name,
            site.Spec.Location.ToString().ToLowerInvariant(),
            (int)site.Gpus.Value,
            available,
            site.Busy.Total,
            available > 0 ? site.Busy.Total / available : 0,
            site.Served,
            new SiteSeries(BinSeconds, gpus, utilisation, queue));
    }
}
