using System.Globalization;
using k8s;
using k8s.Models;
using Selene.Cluster.Manifests;
using Selene.Simulation.Analysis;
using Selene.Simulation.ControlPlane;
using Selene.Simulation.Faults;
using Selene.Simulation.Gateway;
using Selene.Simulation.Kernel;
using Selene.Simulation.Live;
using Selene.Simulation.Metrics;
using Selene.Simulation.Model;
using Selene.Simulation.Randomness;
using Selene.Simulation.Scenarios;
using Selene.Simulation.Scheduling;
using Selene.Simulation.Webhooks;

namespace Selene.Simulation;

/// <summary>
/// The digital twin of one scenario: requests arrive per tenant and go through the tenant's gateway to a Ready
/// replica, a pod of the tenant's Deployment that the control plane's scheduler placed and its autoscaler sized; they
/// cross the Earth–Moon link when the replica is on the Moon, are served (one whole request at a time, a diffusion
/// batch, or a replica's continuous batching), and their reply comes back. The twin wires the run's
/// parts together (the request flow, nodes, links, faults, launches, the control plane, the serving fleet and
/// webhooks) and hands the records to
/// <see cref="Analysis.RunAnalysis"/>. Every request ends served, failed with a reason, or in flight. A scenario and
/// a seed give the same <see cref="MetricsDocument"/>, to the last bit.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "A run disposes its control plane when it ends.")]
public sealed class ScenarioSimulation
{
    private const int ProgressTicks = 100;

    // Bin widths for time series, the smallest that keeps a series at most MaxBins long.
    private static readonly double[] s_binChoices = [60, 300, 900, 3600, 4 * 3600, 86_400, 7 * 86_400];
    private const int MaxBins = 400;

    private readonly Scenario _scenario;
    private readonly TwinNodeEnvironment _environment;
    private readonly SimulationKernel _kernel;
    private readonly RandomStreams _streams;
    private readonly List<SiteState> _sites;
    private readonly List<TenantState> _tenants;
    private readonly List<Action> _arrivals;
    private readonly RequestFlow _flow;
    private readonly List<Replica> _replicaLog = [];
    private readonly List<NodeServer> _nodes = [];
    private readonly Dictionary<string, NodeServer> _nodesByName = new(StringComparer.Ordinal);
    private readonly ServingFleet _fleet;
    private readonly List<LaunchRecord> _launches = [];
    private readonly FaultLog _faultLog;
    private readonly FaultProcesses? _faults;
    private LinkSchedules? _linkSchedules;
    private readonly CosmicTaints? _taints;
    private readonly TwinControlPlane _controlPlane;
    private readonly WebhookDeliveries? _webhooks;
    private readonly Dictionary<string, CosmicEvent> _lossesUnnoticed = new(StringComparer.Ordinal);
    private long _nodesLost;
    private IProgress<double>? _progress;
    private IReadOnlyList<PowerSiteMetrics>? _power;
    private readonly Dictionary<string, IReadOnlyList<V1Taint>> _cosmicTaints = new(StringComparer.Ordinal);

    private readonly IReadOnlyList<SplitPlanMetrics> _splitPlans;

    /// <summary>Builds the twin of <paramref name="scenario"/>; nothing runs until <see cref="Run"/>.</summary>
    /// <param name="scenario">A validated scenario.</param>
    public ScenarioSimulation(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        (scenario, _splitPlans) = Split.SplitPlans.Apply(WholeRequestReplicas.Apply(scenario));
        _scenario = scenario;
        _kernel = new SimulationKernel(scenario.Epoch);
        _environment = new TwinNodeEnvironment(_kernel);
        _streams = new RandomStreams(scenario.Seed);
        BinSeconds = s_binChoices.FirstOrDefault(b => scenario.DurationSeconds / b <= MaxBins, s_binChoices[^1]);

        _sites = scenario.Sites.Select((s, i) => new SiteState(s, i, scenario.DurationSeconds, BinSeconds)).ToList();
        _tenants = scenario.Tenants
            .Select(t => new TenantState(t, _streams.Get($"service/{t.Name}"))
            {
                ServedBySite = new long[_sites.Count],
                TokenStream = t.Tokens is not null && t.Arrivals.Trace is null ? _streams.Get($"tokens/{t.Name}") : null,
                Replicas = new StepSeries(scenario.DurationSeconds, BinSeconds),
                Running = new StepSeries(scenario.DurationSeconds, BinSeconds),
                KvUse = new StepSeries(scenario.DurationSeconds, BinSeconds),
                // Only a tenant whose output is moderated needs its served requests by time.
                ServedPerBin = scenario.Moderation?.Tenant == t.Name ? new long[(int)Math.Max(1, Math.Ceiling(scenario.DurationSeconds / BinSeconds))] : [],
                // Goodput by the minute: its series, and how long users felt each fault.
                FinishedPerMinute = new long[(int)Math.Ceiling(scenario.DurationSeconds / 60) + 1],
                MetPerMinute = new long[(int)Math.Ceiling(scenario.DurationSeconds / 60) + 1],
            })
            .ToList();
        _faultLog = new FaultLog(scenario.DurationSeconds, BinSeconds);
        _webhooks = scenario.Webhooks.Count > 0 ? new WebhookDeliveries(_kernel, scenario.Webhooks, _streams, scenario.DurationSeconds, scenario.Name, scenario.Seed) : null;
        if (scenario.Faults is { } faults)
        {
            _faults = new FaultProcesses(_kernel, faults, _streams, scenario.DurationSeconds, _faultLog, LoseNode, Reported);
            _taints = new CosmicTaints(_kernel, faults, SetCosmicTaints);
        }

        _flow = new RequestFlow(_kernel, BinSeconds);
        _fleet = new ServingFleet(_kernel, _tenants, name => _nodesByName.GetValueOrDefault(name),
            name => (int)(_streams.Get($"gateway/{name}").NextUInt64() >> 33), _flow.SendToReplica, _flow.FailAtGateway, _flow.Shed);
        _controlPlane = new TwinControlPlane(_kernel, scenario.Tenants, _fleet, _environment, LossDetected);
        _fleet.Plane = _controlPlane;

        foreach (var site in _sites.Where(s => s.IsRemote))
        {
            site.Link = CreateLink(site);
        }

        _arrivals = _tenants
            .Select(t => t.Spec.Arrivals.Trace is { } trace
                ? (Action)new TraceArrivalGenerator(_kernel, trace, (prompt, output) => _flow.Arrive(t, prompt, output), t.Spec.Arrivals.Surges).Start
                : new ArrivalGenerator(_kernel, t.Spec.Arrivals, scenario.Epoch, _streams.Get($"arrivals/{t.Spec.Name}"), () => _flow.Arrive(t)).Start)
            .ToList();

        foreach (var node in scenario.Nodes)
        {
            AddNode(node.Node, node.Site, node.GpuType);
        }
    }

    /// <summary>Every fault of the run as a cosmic event, in time order (after <see cref="Run"/>).</summary>
    public IReadOnlyList<CosmicEvent> CosmicEvents => _faultLog.Events;

    /// <summary>Width of the time-series bins in the metrics, in seconds.</summary>
    public double BinSeconds { get; }

    /// <summary>The kernel driving this twin (its clock is the twin's <see cref="TimeProvider"/>).</summary>
    public SimulationKernel Kernel => _kernel;

    /// <summary>Runs the scenario to its end and returns the metrics.</summary>
    /// <param name="progress">Receives the fraction of simulated time done, 100 times per run.</param>
    public MetricsDocument Run(IProgress<double>? progress = null)
    {
        Start(progress);
        AdvanceTo(_scenario.DurationSeconds);
        return Finish();
    }

    /// <summary>The scenario this twin runs (after split plans are applied).</summary>
    public Scenario Scenario => _scenario;

    /// <summary>Simulated seconds since the scenario's epoch.</summary>
    public double Now => _kernel.Now;

    /// <summary>Requests that have arrived and are not yet served or failed.</summary>
    public long InFlight => _tenants.Sum(t => t.InFlight);

    /// <summary>True once <see cref="Start"/> has run.</summary>
    public bool Started { get; private set; }

    /// <summary>The lunar power systems over the whole run (computed by <see cref="Start"/>; empty without any).</summary>
    public IReadOnlyList<PowerSiteMetrics> PowerSites => _power ?? [];

    /// <summary>
    /// Sets the twin going at time zero: launches, the control plane, arrivals and the power systems. Then
    /// <see cref="AdvanceTo"/> moves it on in steps of any size (a live twin follows the wall clock this way), and
    /// <see cref="Finish"/> collects the metrics: the same events in the same order as <see cref="Run"/>.
    /// </summary>
    /// <param name="progress">Receives the fraction of simulated time done, 100 times per run.</param>
    public void Start(IProgress<double>? progress = null)
    {
        if (Started)
        {
            throw new InvalidOperationException("The twin has already started.");
        }

        Started = true;
        _progress = progress;
        var duration = _scenario.DurationSeconds;
        ScheduleProgress(1, duration);
        var flights = Flight.Of(_scenario, _streams.Get("launches"));
        foreach (var flight in flights)
        {
            _kernel.ScheduleAt(flight.LiftOffSeconds, () => LiftOff(flight));
        }

        _controlPlane.Start();
        _fleet.Start(_controlPlane);
        foreach (var start in _arrivals)
        {
            start();
        }

        // The power systems depend on nothing the twin does; the scheduler places pods against their GPU budgets.
        _power = _scenario.Power.Count > 0 ? Power.PowerSystems.Run(_scenario, flights) : null;
        foreach (var site in _power ?? [])
        {
            _environment.SetPower(site, Selene.Power.Gpus.GpuPowerModel.BuiltIn(site.GpuType)!.MaxWatts);
        }
    }

    /// <summary>Handles every event up to <paramref name="seconds"/> (at most the scenario's end).</summary>
    public void AdvanceTo(double seconds)
    {
        if (!Started)
        {
            throw new InvalidOperationException("Start the twin before advancing it.");
        }

        _kernel.Run(Math.Min(seconds, _scenario.DurationSeconds));
    }

    /// <summary>Ends the run at the scenario's end (handling what is left) and returns the metrics.</summary>
    public MetricsDocument Finish()
    {
        AdvanceTo(_scenario.DurationSeconds);
        _controlPlane.Stop();
        var metrics = new RunAnalysis(_scenario, BinSeconds, _kernel, _sites, _tenants, _replicaLog, _launches, _faultLog, _splitPlans)
        {
            ControlPlane = _controlPlane,
            NodesLost = _nodesLost,
            TaintsSet = _taints?.Set ?? 0,
            Webhooks = _webhooks,
        }.Metrics(_power);
        _controlPlane.Dispose();
        return metrics;
    }

    /// <summary>
    /// The twin's state now: each site with its link and power, each node with its GPUs and taints, each tenant's
    /// counts, and the faults after the first <paramref name="faultsSeen"/>. Reading it changes nothing.
    /// </summary>
    public TwinState Snapshot(int faultsSeen = 0) =>
        TwinSnapshot.Of(_scenario, _kernel.Now, _sites, _nodes, _tenants, _power, _cosmicTaints, _faultLog.Events, faultsSeen);

    // One tick pending at a time keeps the event heap small; each tick schedules the next.
    private void ScheduleProgress(int tick, double duration) =>
        _kernel.ScheduleAt(tick * duration / ProgressTicks, () =>
        {
            _progress?.Report(tick / (double)ProgressTicks);
            if (tick < ProgressTicks)
            {
                ScheduleProgress(tick + 1, duration);
            }
        });

    private void AddNode(ClusterNode node, string siteName, string gpuType)
    {
        var site = _sites.First(s => s.Spec.Name == siteName);
        var server = new NodeServer(_kernel, new NodeProfile(node, siteName, gpuType), site, _flow.Served, _flow.Interrupted, _replicaLog.Add,
            (replica, _) => _fleet.FaultEnded(replica));
        site.Gpus.Add(_kernel.Now, server.Servers);
        _nodes.Add(server);
        _nodesByName[node.Name] = server;
        _environment.Place(node.Name, site, server.Installed);
        _controlPlane.AddNode(server);
        _faults?.Start(server);
    }

    private void LoseNode(NodeServer node, string reason, CosmicEvent cosmic)
    {
        // A destroyed node reports nothing: Earth hears of it when the node lifecycle notices the silence.
        _lossesUnnoticed[node.Profile.Node.Name] = cosmic;
        _nodesLost++;
        _controlPlane.NodeLost(node);
        node.Destroy(reason);
        _controlPlane.FaultHappened(_kernel.Now);
    }

    // A fault a node (or a site's link, with no node) reported: its node is tainted once the report is through.
    private void Reported(NodeServer? node, CosmicEvent cosmic)
    {
        var effectsLandAt = node is null ? _kernel.Now : _taints!.Report(node, cosmic);
        _controlPlane.FaultHappened(effectsLandAt);
        var heard = node is null ? _kernel.Now : node.Site.AcrossLink(_kernel.Now);
        if (!double.IsFinite(heard))
        {
            return;
        }

        if (_webhooks is { } webhooks)
        {
            _kernel.ScheduleAt(heard, () => webhooks.Emit(cosmic));
        }

        // The device plugin stops offering a GPU that failed for good: the node's allocatable drops with the report.
        if (node is not null && node.GpusFailedForGood > 0)
        {
            var gpus = node.Installed - node.GpusFailedForGood;
            _kernel.ScheduleAt(heard, () => _controlPlane.SetGpus(node.Profile.Node.Name, gpus));
        }
    }

    private void LossDetected(string node)
    {
        if (_lossesUnnoticed.Remove(node, out var cosmic))
        {
            _webhooks?.Emit(cosmic);
        }
    }

    private void SetCosmicTaints(NodeServer node, IReadOnlyList<V1Taint> taints)
    {
        _cosmicTaints[node.Profile.Node.Name] = taints;
        _controlPlane.SetCosmicTaints(node.Profile.Node.Name, taints);
    }

    private SiteLink CreateLink(SiteState site)
    {
        var spec = _scenario.Link;
        var name = site.Spec.Name;
        var (planned, meanDelay) = (_linkSchedules ??= new LinkSchedules(_scenario)).For(site.Spec);
        var schedule = _faults?.WithOutages(site, planned) ?? planned;

        return new SiteLink(
            schedule,
            new LinkChannel(_kernel, spec, schedule, _streams.Get($"link/{name}/uplink"), towardEarth: false, r => r.Node.Accept(r)),
            new LinkChannel(_kernel, spec, schedule, _streams.Get($"link/{name}/downlink"), towardEarth: true, _flow.Complete))
        {
            MeanDelaySeconds = meanDelay,
            Planned = planned as ContactPlanLinkSchedule,
        };
    }

    private void LiftOff(Flight flight)
    {
        var launch = flight.Launch;
        var names = Enumerable.Range(flight.Index * launch.NodesPerLaunch, launch.NodesPerLaunch)
            .Select(i => ScenarioLoader.LaunchNodeName(launch, i))
            .ToList();
        var name = string.Create(CultureInfo.InvariantCulture, $"{launch.Name}-{flight.Index + 1}");
        _launches.Add(new LaunchRecord(name, launch.Site, _kernel.Now, flight.Lost ? null : flight.OnlineSeconds, flight.Lost ? "lost" : "in-transit", names, flight.Gpus));
        if (flight.Lost)
        {
            return;
        }

        _kernel.ScheduleAt(flight.OnlineSeconds, () =>
        {
            for (var i = 0; i < names.Count; i++)
            {
                var template = launch.Templates[i % launch.Templates.Count];
                AddNode(CloneNode(template, names[i]), launch.Site, launch.GpuType);
            }
        });
    }

    private static ClusterNode CloneNode(ClusterNode template, string name)
    {
        var clone = KubernetesJson.Deserialize<V1Node>(KubernetesJson.Serialize(template.Node));
        clone.Metadata.Name = name;
        return template with { Node = clone };
    }
}
