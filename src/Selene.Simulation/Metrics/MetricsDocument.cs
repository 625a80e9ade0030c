namespace Selene.Simulation.Metrics;

/// <summary>
/// The contents of <c>metrics.json</c>, schema <c>selene.metrics/v2</c> (documented in docs/metrics.md).
/// Field names and meanings are stable within a schema version; new fields may be added.
/// </summary>
/// <param name="Schema">Always <c>selene.metrics/v2</c>.</param>
/// <param name="Scenario">What was run.</param>
/// <param name="Accounting">Every request's fate, summed over tenants.</param>
/// <param name="Tenants">Per tenant.</param>
/// <param name="Sites">Per site.</param>
/// <param name="Link">The Earth–Moon link.</param>
/// <param name="Launches">Every launch that lifted off during the run.</param>
/// <param name="Faults">Faults of the scenario's fault processes; empty counts when it has none.</param>
/// <param name="ControlPlane">The controllers' record, or null when the scenario has no workloads.</param>
/// <param name="Webhooks">Cosmic-event deliveries to the scenario's webhook subscribers, or null when it has none.</param>
/// <param name="Power">Lunar sites' power and heat under each controller, or null when the scenario models none.</param>
/// <param name="Kernel">Event-kernel statistics.</param>
public sealed record MetricsDocument(
    string Schema,
    ScenarioInfo Scenario,
    AccountingMetrics Accounting,
    IReadOnlyList<TenantMetrics> Tenants,
    IReadOnlyList<SiteMetrics> Sites,
    LinkMetrics Link,
    IReadOnlyList<LaunchRecord> Launches,
    FaultMetrics Faults,
    ControlPlaneMetrics? ControlPlane,
    WebhookMetrics? Webhooks,
    IReadOnlyList<PowerSiteMetrics>? Power,
    KernelMetrics Kernel)
{
    /// <summary>The schema identifier this version writes.</summary>
    public const string SchemaId = "selene.metrics/v2";

    /// <summary>The review loop behind a tenant's output, or null when the scenario models none.</summary>
    public ModerationMetrics? Moderation { get; init; }

    /// <summary>Split plans of the tenants that serve a model, or null when none does.</summary>
    public IReadOnlyList<SplitPlanMetrics>? SplitPlans { get; init; }

    /// <summary>Every replica of a serving tenant that ran during the run, in start order; null when no tenant has serving.</summary>
    public IReadOnlyList<ReplicaMetrics>? Replicas { get; init; }

    /// <summary>Recovery as users felt it, per fault class; null for a run without faults.</summary>
    public IReadOnlyList<FeltRecoveryMetrics>? FeltRecovery { get; init; }
}

/// <summary>What was run.</summary>
/// <param name="Name">Scenario name.</param>
/// <param name="Source">Scenario file, or <c>examples/NAME.yaml</c> for a built-in one.</param>
/// <param name="Seed">The seed.</param>
/// <param name="DurationSeconds">Simulated time covered.</param>
/// <param name="Epoch">Simulated time zero, ISO 8601 UTC.</param>
public sealed record ScenarioInfo(string Name, string Source, ulong Seed, double DurationSeconds, string Epoch);

/// <summary>
/// Where every request ended: <c>arrived = served + failed + shed + inFlight</c> always holds; nothing is lost.
/// </summary>
/// <param name="Arrived">Requests that arrived.</param>
/// <param name="Served">Requests whose reply reached the user.</param>
/// <param name="Failed">Requests that could not be placed or served.</param>
/// <param name="Shed">Sheddable requests a gateway refused while its pool was saturated.</param>
/// <param name="InFlight">Requests still on a link, queued or in service at the end.</param>
/// <param name="Balanced">True when the identity above holds.</param>
public sealed record AccountingMetrics(long Arrived, long Served, long Failed, long Shed, long InFlight, bool Balanced);

/// <summary>One tenant's results.</summary>
/// <param name="Name">Tenant name.</param>
/// <param name="Class">interactive or batch.</param>
/// <param name="BudgetSeconds">End-to-end latency budget.</param>
/// <param name="Arrived">Requests that arrived.</param>
/// <param name="Served">Requests whose reply reached the user.</param>
/// <param name="ServedWithinBudget">Served requests whose latency was within budget.</param>
/// <param name="ShareWithinBudget">ServedWithinBudget / Served (0 when none served).</param>
/// <param name="Failed">Failed requests per reason.</param>
/// <param name="Retried">Requests routed again after a fault interrupted them.</param>
/// <param name="InFlight">Requests not finished at the end, by where they were.</param>
/// <param name="ThroughputPerSecond">Served requests per simulated second.</param>
/// <param name="LatencySeconds">End-to-end latency: arrival to reply received.</param>
/// <param name="MeanWaitSeconds">Mean time from arrival until service started: held at the gateway, then queued in a replica's engine (link crossings not counted).</param>
/// <param name="ServedBySite">Served requests per site: where the tenant ran.</param>
/// <param name="LatencyCdf">Points (latency seconds, cumulative fraction) of the latency distribution.</param>
public sealed record TenantMetrics(
    string Name,
    string Class,
    double BudgetSeconds,
    long Arrived,
    long Served,
    long ServedWithinBudget,
    double ShareWithinBudget,
    IReadOnlyDictionary<string, long> Failed,
    long Retried,
    InFlightMetrics InFlight,
    double ThroughputPerSecond,
    LatencySummary LatencySeconds,
    double MeanWaitSeconds,
    IReadOnlyDictionary<string, long> ServedBySite,
    IReadOnlyList<double[]> LatencyCdf)
{
    /// <summary>Share of the tenant's finished requests (served or failed) that met every objective: its goodput.</summary>
    public double Goodput { get; init; }

    /// <summary>Requests a second that met every objective.</summary>
    public double GoodputPerSecond { get; init; }

    /// <summary>The objectives a request is held to (null where the tenant sets none).</summary>
    public ObjectiveMetrics? Objectives { get; init; }

    /// <summary>Token-level results of a serving tenant; null for whole-request work.</summary>
    public TokenServingMetrics? Serving { get; init; }

    /// <summary>Requests its gateway shed, by reason (serving tenants; empty otherwise).</summary>
    public IReadOnlyDictionary<string, long> Shed { get; init; } = new SortedDictionary<string, long>();

    /// <summary>Goodput per bin of the run's time series (requests finished in the bin that met every objective, over those finished; NaN-free: 1 with none).</summary>
    public IReadOnlyList<double> GoodputSeries { get; init; } = [];
}

/// <summary>A tenant's latency objectives in seconds; null where it sets none.</summary>
/// <param name="TtftSeconds">Time to first token.</param>
/// <param name="TpotSeconds">Time per output token.</param>
/// <param name="E2eSeconds">End to end.</param>
public sealed record ObjectiveMetrics(double? TtftSeconds, double? TpotSeconds, double? E2eSeconds);

/// <summary>A serving tenant's token-level results.</summary>
/// <param name="Model">Model served.</param>
/// <param name="Engine">Engine profile.</param>
/// <param name="TensorParallel">GPUs per replica.</param>
/// <param name="Weights">bf16 or fp8.</param>
/// <param name="TtftSeconds">Time to first token as the user sees it (the first token crosses the link first).</param>
/// <param name="TpotSeconds">Time per output token after the first.</param>
/// <param name="TtftCdf">Points (seconds, cumulative fraction) of the TTFT distribution.</param>
/// <param name="TpotCdf">Points (seconds, cumulative fraction) of the TPOT distribution.</param>
/// <param name="InputTokensPerSecond">Prompt tokens of served requests per simulated second.</param>
/// <param name="OutputTokensPerSecond">Output tokens of served requests per simulated second.</param>
/// <param name="Preemptions">Times a request lost its KV cache and was recomputed.</param>
/// <param name="GpuSecondsHeld">GPU-seconds the tenant's replicas held.</param>
/// <param name="GpuSecondsBusy">GPU-seconds they spent computing steps.</param>
/// <param name="GpuSecondsPer1000OutputTokens">Held GPU-seconds per 1,000 output tokens served.</param>
/// <param name="EnergyKwh">Energy of the held GPUs: board power while computing, idle power otherwise.</param>
/// <param name="EnergyWhPer1000OutputTokens">That energy per 1,000 output tokens, in watt-hours.</param>
/// <param name="ReplicasMax">Most replicas at once.</param>
/// <param name="BinSeconds">Width of the series' bins.</param>
/// <param name="Replicas">Mean replicas per bin.</param>
/// <param name="MeanBatch">Mean running requests per replica per bin.</param>
/// <param name="KvCacheUse">Mean KV-cache use per replica per bin (0…1).</param>
public sealed record TokenServingMetrics(
    string Model,
    string Engine,
    int TensorParallel,
    string Weights,
    LatencySummary TtftSeconds,
    LatencySummary TpotSeconds,
    IReadOnlyList<double[]> TtftCdf,
    IReadOnlyList<double[]> TpotCdf,
    double InputTokensPerSecond,
    double OutputTokensPerSecond,
    long Preemptions,
    double GpuSecondsHeld,
    double GpuSecondsBusy,
    double GpuSecondsPer1000OutputTokens,
    double EnergyKwh,
    double EnergyWhPer1000OutputTokens,
    int ReplicasMax,
    double BinSeconds,
    double[] Replicas,
    double[] MeanBatch,
    double[] KvCacheUse)
{
    /// <summary>The replica bounds, and the autoscaler's metric and target (null target without one).</summary>
    public AutoscalingMetrics? Autoscaling { get; init; }
}

/// <summary>A serving tenant's replicas and how its autoscaler moved them.</summary>
/// <param name="Min">Fewest replicas.</param>
/// <param name="Max">Most replicas.</param>
/// <param name="Initial">Replicas at the start.</param>
/// <param name="Metric">queue, kvcache or running.</param>
/// <param name="Target">The metric's target per replica (null when the count is fixed).</param>
/// <param name="LoadSeconds">From a new replica's start until its model is loaded and it is Ready.</param>
/// <param name="Decisions">Each change of the replica count: [time seconds, replicas].</param>
/// <param name="HeldAtGateway">Requests that waited at the gateway for a replica.</param>
public sealed record AutoscalingMetrics(int Min, int Max, int Initial, string Metric, double? Target, double LoadSeconds, IReadOnlyList<double[]> Decisions, long HeldAtGateway);

/// <summary>One replica of a serving tenant, from its start until it gave its GPUs back (or the run's end).</summary>
/// <param name="Tenant">Whose model it ran.</param>
/// <param name="Node">Node it ran on.</param>
/// <param name="Site">The node's site.</param>
/// <param name="GpuType">GPU type.</param>
/// <param name="Gpus">GPUs it held.</param>
/// <param name="StartSeconds">When it started.</param>
/// <param name="EndSeconds">When it gave its GPUs back, or the run's end.</param>
/// <param name="Released">False when it still held its GPUs at the end.</param>
/// <param name="BusySeconds">Time spent computing steps.</param>
/// <param name="Served">Requests it finished.</param>
/// <param name="Preemptions">Preemptions in its engine.</param>
/// <param name="MeanBatch">Time-weighted mean of running requests.</param>
/// <param name="MeanKvCacheUse">Time-weighted mean KV-cache use.</param>
/// <param name="MeanInSystem">Time-weighted mean of requests in it (waiting or running).</param>
/// <param name="ThroughputPerSecond">Finished requests per second of its life.</param>
/// <param name="MeanTimeInSystemSeconds">Mean time from submission to finish.</param>
/// <param name="FirstBin">The bin of the run's series its life starts in: <paramref name="Batch"/>[k] is bin FirstBin + k.</param>
/// <param name="Batch">Mean running requests per bin, over the bins of its life.</param>
/// <param name="KvCacheUse">Mean KV-cache use per bin, over the bins of its life.</param>
public sealed record ReplicaMetrics(
    string Tenant,
    string Node,
    string Site,
    string GpuType,
    int Gpus,
    double StartSeconds,
    double EndSeconds,
    bool Released,
    double BusySeconds,
    long Served,
    long Preemptions,
    double MeanBatch,
    double MeanKvCacheUse,
    double MeanInSystem,
    double ThroughputPerSecond,
    double MeanTimeInSystemSeconds,
    int FirstBin,
    double[] Batch,
    double[] KvCacheUse);

/// <summary>Requests unfinished at the end of the run, by where they were.</summary>
/// <param name="Pending">Held by the scheduler: every node that could take them was unreachable.</param>
/// <param name="Uplink">Crossing the link to a remote node.</param>
/// <param name="Queued">Waiting at a node.</param>
/// <param name="InService">Running on a GPU.</param>
/// <param name="Downlink">Reply crossing the link back.</param>
/// <param name="Total">Sum of the five.</param>
public sealed record InFlightMetrics(long Pending, long Uplink, long Queued, long InService, long Downlink, long Total);

/// <summary>Latency statistics in seconds (percentiles from HdrHistogram at 3 significant digits).</summary>
/// <param name="Mean">Exact mean.</param>
/// <param name="P50">Median.</param>
/// <param name="P90">90th percentile.</param>
/// <param name="P99">99th percentile.</param>
/// <param name="P999">99.9th percentile.</param>
/// <param name="Max">Exact maximum.</param>
public sealed record LatencySummary(double Mean, double P50, double P90, double P99, double P999, double Max);

/// <summary>One site's results.</summary>
/// <param name="Name">Site name.</param>
/// <param name="Location">earth or moon.</param>
/// <param name="GpusAtEnd">GPUs online at the end.</param>
/// <param name="GpuSecondsAvailable">∫ online GPUs dt.</param>
/// <param name="GpuSecondsBusy">∫ GPUs held by replicas dt.</param>
/// <param name="Utilisation">GpuSecondsBusy / GpuSecondsAvailable.</param>
/// <param name="Served">Requests served here.</param>
/// <param name="Series">Time series in equal bins.</param>
public sealed record SiteMetrics(
    string Name,
    string Location,
    int GpusAtEnd,
    double GpuSecondsAvailable,
    double GpuSecondsBusy,
    double Utilisation,
    long Served,
    SiteSeries Series);

/// <summary>A site's time series; entry i covers [i × BinSeconds, (i + 1) × BinSeconds).</summary>
/// <param name="BinSeconds">Width of a bin.</param>
/// <param name="Gpus">Mean GPUs online.</param>
/// <param name="Utilisation">Busy GPU-seconds / online GPU-seconds.</param>
/// <param name="QueueLength">Mean requests waiting.</param>
public sealed record SiteSeries(double BinSeconds, double[] Gpus, double[] Utilisation, double[] QueueLength);

/// <summary>The Earth–Moon link's traffic, summed over lunar sites, and each site's link over time.</summary>
/// <param name="Name">Link name.</param>
/// <param name="Model"><c>ephemeris</c> (delay and availability from the Moon's position and the ground stations) or <c>constant</c>.</param>
/// <param name="OneWayDelaySeconds">The configured fixed delay, or the nominal 1.282 s when the link follows the ephemeris.</param>
/// <param name="BandwidthMbps">Rate each way.</param>
/// <param name="UplinkMessages">Requests sent Earth → Moon.</param>
/// <param name="DownlinkMessages">Replies sent Moon → Earth.</param>
/// <param name="UplinkBytes">Bytes sent Earth → Moon, first transmissions.</param>
/// <param name="DownlinkBytes">Bytes sent Moon → Earth, first transmissions.</param>
/// <param name="Retransmissions">Messages resent after a loss.</param>
/// <param name="Sites">Per lunar site: availability and light time over the run.</param>
public sealed record LinkMetrics(
    string Name,
    string Model,
    double OneWayDelaySeconds,
    double BandwidthMbps,
    long UplinkMessages,
    long DownlinkMessages,
    double UplinkBytes,
    double DownlinkBytes,
    long Retransmissions,
    IReadOnlyList<LinkSiteMetrics> Sites);

/// <summary>One lunar site's link over the run.</summary>
/// <param name="Site">The lunar site.</param>
/// <param name="Availability">Fraction of the run the link was up.</param>
/// <param name="MeanLightTimeSeconds">Mean one-way delay.</param>
/// <param name="MinLightTimeSeconds">Smallest bin mean of the one-way delay.</param>
/// <param name="MaxLightTimeSeconds">Largest bin mean of the one-way delay.</param>
/// <param name="BinSeconds">Width of a bin, as for the sites' series.</param>
/// <param name="LightTimeSeconds">Mean one-way delay per bin.</param>
/// <param name="Up">Fraction of each bin the link was up.</param>
/// <param name="PlannedConnectivity">
/// Share of the run the contact plan gives the site an end-to-end path to Earth, before unplanned outages (null
/// without a plan).
/// </param>
/// <param name="DirectOnlyConnectivity">The same from the plan without its relays: the direct link alone (null without a plan).</param>
public sealed record LinkSiteMetrics(
    string Site,
    double Availability,
    double MeanLightTimeSeconds,
    double MinLightTimeSeconds,
    double MaxLightTimeSeconds,
    double BinSeconds,
    double[] LightTimeSeconds,
    double[] Up,
    double? PlannedConnectivity = null,
    double? DirectOnlyConnectivity = null);

/// <summary>One launch's outcome.</summary>
/// <param name="Name">Launch series name and flight number.</param>
/// <param name="Site">Destination.</param>
/// <param name="LiftOffSeconds">Lift-off time.</param>
/// <param name="OnlineSeconds">When its nodes come online (null when lost).</param>
/// <param name="Outcome"><c>delivered</c>, <c>in-transit</c> (online after the end), or <c>lost</c>.</param>
/// <param name="Nodes">Names of the nodes carried.</param>
/// <param name="Gpus">GPUs carried.</param>
public sealed record LaunchRecord(
    string Name, string Site, double LiftOffSeconds, double? OnlineSeconds, string Outcome, IReadOnlyList<string> Nodes, int Gpus);

/// <summary>Event-kernel statistics.</summary>
/// <param name="Events">Events handled.</param>
/// <param name="PendingAtEnd">Events still pending at the end.</param>
public sealed record KernelMetrics(long Events, int PendingAtEnd);

/// <summary>The faults of a run.</summary>
/// <param name="Total">Every fault.</param>
/// <param name="ByType">Per type (<c>upset-corrected</c>, <c>upset-detected-corruption</c>, <c>upset-gpu-hang</c>, <c>upset-permanent</c>, <c>micrometeoroid-none</c>, <c>micrometeoroid-solar-panel</c>, <c>micrometeoroid-node</c>).</param>
/// <param name="BySite">Per site, per type.</param>
/// <param name="DuringStorms">Faults that happened during a solar storm.</param>
/// <param name="Storms">Solar storms as [start, end] in simulated seconds.</param>
/// <param name="BinSeconds">Width of the bins of <paramref name="Series"/>.</param>
/// <param name="Series">Per type, faults in each time bin.</param>
public sealed record FaultMetrics(
    long Total,
    IReadOnlyDictionary<string, long> ByType,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> BySite,
    long DuringStorms,
    IReadOnlyList<double[]> Storms,
    double BinSeconds,
    IReadOnlyDictionary<string, long[]> Series);

/// <summary>What the control plane did: detection of lost nodes, recovery after each fault, taints, evictions, identities.</summary>
/// <param name="Workloads">Workloads kept at their replicas.</param>
/// <param name="NodesLost">Nodes lost to faults.</param>
/// <param name="DetectSeconds">Fault → unreachable taint, per lost node detected.</param>
/// <param name="RecoverSeconds">Fault → every workload back at its replicas, per fault that took one below them.</param>
/// <param name="FaultsRecovered">Faults after which every workload was back at its replicas (disrupting or not).</param>
/// <param name="FaultsUnrecoveredAtEnd">Faults still waiting for that when the run ended.</param>
/// <param name="CosmicTaints">Cosmic-event taints set on reporting nodes.</param>
/// <param name="Evictions">Pods evicted by the node lifecycle.</param>
/// <param name="IdentityConflicts">Times a StatefulSet identity was seen on two live pods at once (0 by design).</param>
/// <param name="AtDesiredAtEnd">Whether every workload had its replicas ready at the end.</param>
/// <param name="GpusAtEnd">GPUs the cluster's nodes report allocatable at the end: fewer by each GPU failed for good once its node's report arrived, and by the nodes fenced.</param>
public sealed record ControlPlaneMetrics(
    int Workloads,
    long NodesLost,
    DurationSummary DetectSeconds,
    DurationSummary RecoverSeconds,
    long FaultsRecovered,
    long FaultsUnrecoveredAtEnd,
    long CosmicTaints,
    long Evictions,
    long IdentityConflicts,
    bool AtDesiredAtEnd,
    long GpusAtEnd);

/// <summary>Cosmic events delivered through webhooks.</summary>
/// <param name="EventsEmitted">Events that entered the outbox: once Earth learned of them (a node's report across its link, a link outage at once, a destroyed node when the node lifecycle noticed).</param>
/// <param name="EventsUnheardAtEnd">Faults Earth had not heard of by the end (a report waiting for its link, a loss not yet noticed).</param>
/// <param name="Subscribers">Per subscriber.</param>
public sealed record WebhookMetrics(long EventsEmitted, long EventsUnheardAtEnd, IReadOnlyList<WebhookSubscriberMetrics> Subscribers);

/// <summary>One subscriber's deliveries. <paramref name="Events"/> = <paramref name="Delivered"/> + <paramref name="DeadLetters"/> + <paramref name="PendingAtEnd"/>.</summary>
/// <param name="Name">Subscriber name.</param>
/// <param name="Filter">Its event-type filter.</param>
/// <param name="Events">Events its filter took.</param>
/// <param name="Delivered">Deliveries it acknowledged.</param>
/// <param name="Attempts">Attempts made, first ones included.</param>
/// <param name="Retries">Attempts after a delivery's first.</param>
/// <param name="DeadLetters">Deliveries given up after the policy's attempts (to be replayed by an operator).</param>
/// <param name="PendingAtEnd">Deliveries still waiting for their next attempt at the end.</param>
/// <param name="ReceiverAvailability">Share of the run the receiver was up.</param>
/// <param name="DeliverySeconds">Fault → acknowledgement, per delivered event.</param>
public sealed record WebhookSubscriberMetrics(
    string Name,
    string Filter,
    long Events,
    long Delivered,
    long Attempts,
    long Retries,
    long DeadLetters,
    long PendingAtEnd,
    double ReceiverAvailability,
    DurationSummary DeliverySeconds);

/// <summary>A lunar site's power system over the run, under each controller.</summary>
/// <param name="Site">Site name.</param>
/// <param name="Gpus">GPUs at the site by the end: its nodes from time zero and those launches brought, each powered from when it came online.</param>
/// <param name="GpuType">Their type.</param>
/// <param name="Policy">The controller the scenario names.</param>
/// <param name="PredictiveGainOverGreedy">Work done under model-predictive control over greedy's, less 1.</param>
/// <param name="Policies">Per controller: greedy, reserve, predictive.</param>
/// <param name="BinSeconds">Width of the series' bins.</param>
/// <param name="StateOfCharge">Under the scenario's controller: state of charge at each bin's end.</param>
/// <param name="SolarWatts">Under the scenario's controller: mean array output per bin.</param>
/// <param name="UsedWatts">Under the scenario's controller: mean draw per bin.</param>
/// <param name="GpuBudgetWatts">Under the scenario's controller: mean GPU power per bin, the budget the scheduler's PowerHeadroom plugin placed pods against.</param>
/// <param name="NodeKelvin">Under the scenario's controller: node temperature at each bin's end.</param>
public sealed record PowerSiteMetrics(
    string Site,
    int Gpus,
    string GpuType,
    string Policy,
    double PredictiveGainOverGreedy,
    IReadOnlyList<PowerPolicyMetrics> Policies,
    double BinSeconds,
    double[] StateOfCharge,
    double[] SolarWatts,
    double[] UsedWatts,
    double[] GpuBudgetWatts,
    double[] NodeKelvin);

/// <summary>One controller's year at a site. Energies in kWh; energy in = used + stored change + losses + curtailed.</summary>
/// <param name="Policy">greedy, reserve or predictive.</param>
/// <param name="EnergyInKwh">Delivered by the array.</param>
/// <param name="UsedKwh">Drawn by the node (GPUs, the rest, the heater).</param>
/// <param name="StoredChangeKwh">Change in the store.</param>
/// <param name="LossesKwh">Lost in the store.</param>
/// <param name="CurtailedKwh">Sunlight nothing could take (wasted).</param>
/// <param name="BalanceError">(in − used − stored change − losses − curtailed) / in.</param>
/// <param name="WorkGpuHours">Work, GPU-hours at full speed.</param>
/// <param name="Availability">Share of the time some GPU ran.</param>
/// <param name="BelowReserveHours">Time the store was below its reserve (reserve violations).</param>
/// <param name="BlackoutHours">Time the node's own needs went unmet.</param>
/// <param name="MinStateOfCharge">Lowest state of charge.</param>
/// <param name="MinKelvin">Coldest node temperature at a bin's end.</param>
/// <param name="MaxKelvin">Hottest node temperature at a bin's end.</param>
public sealed record PowerPolicyMetrics(
    string Policy,
    double EnergyInKwh,
    double UsedKwh,
    double StoredChangeKwh,
    double LossesKwh,
    double CurtailedKwh,
    double BalanceError,
    double WorkGpuHours,
    double Availability,
    double BelowReserveHours,
    double BlackoutHours,
    double MinStateOfCharge,
    double MinKelvin,
    double MaxKelvin);

/// <summary>A distribution of durations in seconds (exact order statistics).</summary>
/// <param name="Count">How many.</param>
/// <param name="Mean">Mean.</param>
/// <param name="P50">Median.</param>
/// <param name="P90">90th percentile.</param>
/// <param name="Max">Largest.</param>
public sealed record DurationSummary(long Count, double Mean, double P50, double P90, double Max)
{
    /// <summary>Summarises <paramref name="values"/>.</summary>
    public static DurationSummary Of(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return new DurationSummary(0, 0, 0, 0, 0);
        }

        var sorted = values.Order().ToArray();
        double At(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return new DurationSummary(sorted.Length, sorted.Average(), At(0.5), At(0.9), sorted[^1]);
    }
}

/// <summary>How long users felt the faults of one class: fault until the interactive tenants' goodput was back within a point of its level before.</summary>
/// <param name="Type">The fault class (the cosmic event's type).</param>
/// <param name="Faults">Faults of the class.</param>
/// <param name="Felt">Faults after which some interactive tenant's goodput stayed more than a point below its level for at least a minute.</param>
/// <param name="Unrecovered">Faults after which goodput was not back within a day or by the run's end.</param>
/// <param name="RecoverySeconds">Fault → goodput back, over the felt faults (to the minute).</param>
public sealed record FeltRecoveryMetrics(string Type, long Faults, long Felt, long Unrecovered, DurationSummary RecoverySeconds);
