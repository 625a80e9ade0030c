using Selene.Cluster.Placement;
using Selene.Simulation.Metrics;
using Selene.Simulation.Randomness;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.Model;

/// <summary>A tenant during a run: its spec, the nodes it may use now, and its counters.</summary>
internal sealed class TenantState
{
    private readonly long[] _stageCounts = new long[4];

    public TenantState(TenantSpec spec, int priorityLevel, RandomSource serviceStream)
    {
        Spec = spec;
        PriorityLevel = priorityLevel;
        ServiceStream = serviceStream;
        Profile = new WorkloadProfile(spec.Name, spec.Tolerations, spec.BudgetSeconds,
            spec.ServiceTimes.Keys.ToHashSet(StringComparer.Ordinal));
    }

    public TenantSpec Spec { get; }

    public WorkloadProfile Profile { get; }

    /// <summary>0 is served first at a node.</summary>
    public int PriorityLevel { get; }

    public RandomSource ServiceStream { get; }

    /// <summary>Nodes that pass the placement filter, in scenario order.</summary>
    public List<NodeServer> Feasible { get; } = [];

    /// <summary>Why no node is feasible, when <see cref="Feasible"/> is empty.</summary>
    public string NoNodeReason { get; set; } = "no node online";

    public long Arrived { get; set; }

    public long Served { get; set; }

    public long ServedWithinBudget { get; set; }

    public Dictionary<string, long> Failed { get; } = new(StringComparer.Ordinal);

    /// <summary>Service-time distribution on each node of <see cref="Feasible"/>, position for position.</summary>
    public List<IContinuousDistribution> FeasibleService { get; } = [];

    /// <summary>Served requests per site index.</summary>
    public required long[] ServedBySite { get; init; }

    public LatencyRecorder Latency { get; } = new();

    public double WaitSumSeconds { get; set; }

    public long WaitCount { get; set; }

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
