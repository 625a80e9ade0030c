using Selene.Cluster.Scheduling.Framework;
using Selene.Simulation.Metrics;
using Selene.Simulation.Randomness;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.Model;

/// <summary>A tenant during a run: its spec, the nodes it may use now, and its counters.</summary>
internal sealed class TenantState
{
    private readonly long[] _stageCounts = new long[Enum.GetValues<RequestStage>().Length];

    public TenantState(TenantSpec spec, int priorityLevel, RandomSource serviceStream, PodInfo pod)
    {
        Spec = spec;
        PriorityLevel = priorityLevel;
        ServiceStream = serviceStream;
        Pod = pod;
    }

    public TenantSpec Spec { get; }

    /// <summary>The pod each of the tenant's requests is, as the scheduler sees it.</summary>
    public PodInfo Pod { get; }

    /// <summary>0 is served first at a node.</summary>
    public int PriorityLevel { get; }

    public RandomSource ServiceStream { get; }

    /// <summary>Nodes that pass the scheduler's filters, in the scheduler's node order.</summary>
    public List<NodeServer> Feasible { get; } = [];

    /// <summary>The same nodes as the scheduler knows them, position for position.</summary>
    public List<NodeInfo> FeasibleNodes { get; } = [];

    /// <summary>The scheduler's totals for <see cref="FeasibleNodes"/> from every plugin but the load score.</summary>
    public long[] StaticScores { get; set; } = [];

    /// <summary>Each site (by index) that rejected the tenant's pod, with the reason: distinct pairs.</summary>
    public List<(int Site, string Reason)> Rejections { get; } = [];

    /// <summary>Requests whose pod each site rejected, by (site index, reason), up to the last flush.</summary>
    public Dictionary<(int Site, string Reason), long> Rejected { get; } = [];

    /// <summary>Requests rejected since the last flush, position for position with <see cref="Rejections"/>.</summary>
    public long[] RejectionCounts { get; set; } = [];

    /// <summary>Counts one more request against every current rejection.</summary>
    public void CountRejections()
    {
        var counts = RejectionCounts;
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i]++;
        }
    }

    /// <summary>Moves the counts since the last flush into <see cref="Rejected"/>.</summary>
    public void FlushRejections()
    {
        for (var i = 0; i < RejectionCounts.Length; i++)
        {
            if (RejectionCounts[i] > 0)
            {
                Rejected[Rejections[i]] = Rejected.GetValueOrDefault(Rejections[i]) + RejectionCounts[i];
            }
        }

        Array.Clear(RejectionCounts);
    }

    /// <summary>
    /// True when no node is feasible but some node was rejected only for being unreachable or quarantined after a
    /// cosmic event (both pass): the tenant's pods then wait pending, as kube-scheduler keeps an unschedulable pod
    /// queued, instead of failing.
    /// </summary>
    public bool WaitsForLink { get; set; }

    /// <summary>Requests whose pods wait for a node, oldest first.</summary>
    public Queue<Request> Pending { get; } = new();

    /// <summary>The scheduler's view version <see cref="Feasible"/> was worked out for; -1 before the first time.</summary>
    public long SchedulingVersion { get; set; } = -1;

    /// <summary>Why no node is feasible, when <see cref="Feasible"/> is empty.</summary>
    public string NoNodeReason { get; set; } = "no node online";

    public long Arrived { get; set; }

    public long Served { get; set; }

    public long ServedWithinBudget { get; set; }

    /// <summary>Requests placed again after a fault interrupted them.</summary>
    public long Retried { get; set; }

    public Dictionary<string, long> Failed { get; } = new(StringComparer.Ordinal);

    /// <summary>Service-time distribution on each node of <see cref="Feasible"/>, position for position.</summary>
    public List<IContinuousDistribution> FeasibleService { get; } = [];

    /// <summary>Served requests per site index.</summary>
    public required long[] ServedBySite { get; init; }

    /// <summary>Served requests per time bin of the run (kept for a tenant whose output is moderated; empty otherwise).</summary>
    public required long[] ServedPerBin { get; init; }

    public LatencyRecorder Latency { get; } = new();

    public double WaitSumSeconds { get; set; }

    public long WaitCount { get; set; }

    /// <summary>Time to first token as the user sees it (serving tenants).</summary>
    public LatencyRecorder Ttft { get; } = new();

    /// <summary>Time per output token after the first (serving tenants).</summary>
    public LatencyRecorder Tpot { get; } = new();

    /// <summary>Prompt tokens of served requests.</summary>
    public long InputTokens { get; set; }

    /// <summary>Output tokens of served requests.</summary>
    public long OutputTokens { get; set; }

    /// <summary>Preemptions of the tenant's requests in its replicas.</summary>
    public long Preemptions { get; set; }

    /// <summary>Draws token counts for arrivals that are a process.</summary>
    public RandomSource? TokenStream { get; init; }

    /// <summary>Replicas of the tenant over time.</summary>
    public required StepSeries Replicas { get; init; }

    /// <summary>Running requests in the tenant's replicas over time, all together.</summary>
    public required StepSeries Running { get; init; }

    /// <summary>Σ KV-cache use (0…1) over the tenant's replicas, over time.</summary>
    public required StepSeries KvUse { get; init; }

    /// <summary>Step-time models and engine settings per GPU type, made on first use.</summary>
    public Dictionary<string, (Selene.Serving.Performance.StepTimeModel Model, Selene.Serving.Engine.EngineConfig Config)> Engines { get; } = new(StringComparer.Ordinal);

    /// <summary>Requests finished (served, failed or shed) per simulated minute.</summary>
    public required long[] FinishedPerMinute { get; init; }

    /// <summary>Of those, the ones that met every objective of the tenant (its goodput).</summary>
    public required long[] MetPerMinute { get; init; }

    /// <summary>Requests that met every objective of the tenant.</summary>
    public long MetObjectives => MetPerMinute.Sum();

    /// <summary>A request finished now, meeting its objectives or not.</summary>
    public void Finish(double now, bool met)
    {
        var minute = Math.Min(FinishedPerMinute.Length - 1, (int)(now / 60));
        FinishedPerMinute[minute]++;
        if (met)
        {
            MetPerMinute[minute]++;
        }
    }

    /// <summary>The tenant's inference gateway (serving tenants only).</summary>
    public Gateway.TenantGateway? Gateway { get; set; }

    /// <summary>The tenant's autoscaler (serving tenants whose replicas follow the load).</summary>
    public Gateway.TenantAutoscaler? Autoscaler { get; set; }

    /// <summary>Requests the gateway shed, by reason.</summary>
    public Dictionary<string, long> Shed { get; } = new(StringComparer.Ordinal);

    public long InStage(RequestStage stage) => _stageCounts[(int)stage];

    public long InFlight => _stageCounts.Sum();

    public void Enter(RequestStage stage) => _stageCounts[(int)stage]++;

    public void Leave(RequestStage stage) => _stageCounts[(int)stage]--;

    public void Move(Request request, RequestStage stage)
    {
        Leave(request.Stage);
        request.Stage = stage;
        Enter(stage);
    }
}
