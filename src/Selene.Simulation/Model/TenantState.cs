using Selene.Simulation.Metrics;
using Selene.Simulation.Randomness;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.Model;

/// <summary>A tenant during a run: its spec, its gateway and autoscaler, and its counters.</summary>
internal sealed class TenantState(TenantSpec spec, RandomSource serviceStream)
{
    private readonly long[] _stageCounts = new long[Enum.GetValues<RequestStage>().Length];

    public TenantSpec Spec { get; } = spec;

    /// <summary>The stream its whole-request replicas draw service times from.</summary>
    public RandomSource ServiceStream { get; } = serviceStream;

    public long Arrived { get; set; }

    public long Served { get; set; }

    public long ServedWithinBudget { get; set; }

    /// <summary>Requests routed again after a fault interrupted them.</summary>
    public long Retried { get; set; }

    public Dictionary<string, long> Failed { get; } = new(StringComparer.Ordinal);

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
