using Selene.Power.Gpus;
using Selene.Simulation.Metrics;
using Selene.Simulation.Model;

namespace Selene.Simulation.Analysis;

/// <summary>Turns the replicas' and serving tenants' records into their metrics at the end of a run.</summary>
internal static class ServingResults
{
    private static readonly double[] s_cdfPercentiles =
        [0, 1, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 98, 99, 99.5, 99.9, 99.99, 100];

    /// <summary>Every replica, its integrals settled at <paramref name="end"/>.</summary>
    public static List<ReplicaMetrics> Replicas(IReadOnlyList<Replica> replicas, double end, double binSeconds) =>
        replicas.Select(r =>
        {
            r.Settle();
            var stop = r.HeldUntil(end);
            var life = Math.Max(stop - r.CreatedAt, 1e-12);
            var first = (int)(r.CreatedAt / binSeconds);
            var last = Math.Max(first, (int)Math.Ceiling(stop / binSeconds) - 1);
            return new ReplicaMetrics(r.Tenant.Spec.Name, r.Node.Profile.Node.Name, r.Node.Site.Spec.Name, r.Node.Profile.GpuType, r.Gpus,
                r.CreatedAt, stop, r.Released, r.BusySeconds, r.Served, r.Preemptions,
                r.RunningArea / life, r.KvArea / life, r.InSystemArea / life, r.Served / life,
                r.Served == 0 ? 0 : r.TimeInSystem / r.Served,
                first, Life(r.RunningSeries.Means(stop)), Life(r.KvSeries.Means(stop)));

            // Only the bins of its life: a year's replicas are tens of thousands, most of them living hours.
            double[] Life(double[] bins) => bins[Math.Min(first, bins.Length)..Math.Max(Math.Min(first, bins.Length), Math.Min(bins.Length, last + 1))];
        }).ToList();

    /// <summary>A serving tenant's token-level metrics.</summary>
    public static TokenServingMetrics Tenant(TenantState tenant, IReadOnlyList<Replica> replicas, double end, double binSeconds)
    {
        var serving = tenant.Spec.Serving!;
        var own = replicas.Where(r => r.Tenant == tenant).ToList();
        double held = 0, busy = 0, joules = 0;
        foreach (var replica in own)
        {
            var life = replica.HeldUntil(end) - replica.CreatedAt;
            var power = GpuPowerModel.BuiltIn(replica.Node.Profile.GpuType);
            var maxWatts = power?.MaxWatts ?? replica.Node.Gpu!.ThermalDesignWatts;
            var idleWatts = power?.IdleWatts ?? (maxWatts / 10);
            held += life * replica.Gpus;
            busy += replica.BusySeconds * replica.Gpus;
            joules += replica.Gpus * ((replica.BusySeconds * maxWatts) + ((life - replica.BusySeconds) * idleWatts));
        }

        var thousands = tenant.OutputTokens / 1000.0;
        var replicaMeans = tenant.Replicas.Means(end);
        var running = tenant.Running.Means(end);
        var kv = tenant.KvUse.Means(end);
        return new TokenServingMetrics(
            serving.Model!.Name,
            serving.Engine.Name,
            serving.TensorParallel,
            Selene.Serving.Hardware.WeightTypes.Name(serving.Weights),
            Summary(tenant.Ttft),
            Summary(tenant.Tpot),
            Cdf(tenant.Ttft),
            Cdf(tenant.Tpot),
            tenant.InputTokens / end,
            tenant.OutputTokens / end,
            tenant.Preemptions,
            held,
            busy,
            thousands > 0 ? held / thousands : 0,
            joules / 3.6e6,
            thousands > 0 ? joules / 3600 / thousands : 0,
            (int)Math.Round(MaxConcurrent(own, end)),
            binSeconds,
            replicaMeans,
            replicaMeans.Select((r, i) => r > 0 ? running[i] / r : 0).ToArray(),
            replicaMeans.Select((r, i) => r > 0 ? kv[i] / r : 0).ToArray())
        {
            Autoscaling = new AutoscalingMetrics(serving.Replicas.Min, serving.Replicas.Max, serving.Replicas.Initial,
                serving.Replicas.Metric.ToString().ToLowerInvariant(), serving.Replicas.Autoscales ? serving.Replicas.Target : null,
                serving.LoadSeconds, tenant.Autoscaler?.Decisions ?? [], tenant.Gateway?.EverHeld ?? 0),
        };
    }

    /// <summary>Goodput per bin from the tenant's goodput by the minute (1 in a bin where nothing finished).</summary>
    public static double[] Goodput(TenantState tenant, double end, double binSeconds)
    {
        var bins = (int)Math.Max(1, Math.Ceiling(end / binSeconds));
        var finished = new double[bins];
        var met = new double[bins];
        for (var m = 0; m < tenant.FinishedPerMinute.Length; m++)
        {
            var bin = Math.Min(bins - 1, (int)(m * 60 / binSeconds));
            finished[bin] += tenant.FinishedPerMinute[m];
            met[bin] += tenant.MetPerMinute[m];
        }

        return finished.Select((f, i) => f == 0 ? 1 : met[i] / f).ToArray();
    }

    /// <summary>Percentile summary of a recorder.</summary>
    public static LatencySummary Summary(LatencyRecorder latency) =>
        new(latency.MeanSeconds, latency.Percentile(50), latency.Percentile(90), latency.Percentile(99), latency.Percentile(99.9), latency.MaxSeconds);

    /// <summary>CDF points of a recorder.</summary>
    public static IReadOnlyList<double[]> Cdf(LatencyRecorder latency) =>
        latency.Count == 0 ? [] : s_cdfPercentiles.Select(p => new[] { latency.Percentile(p), p / 100 }).ToList();

    private static double MaxConcurrent(List<Replica> replicas, double end)
    {
        var changes = replicas.SelectMany(r => new[] { (r.CreatedAt, 1), (r.HeldUntil(end), -1) })
            .OrderBy(c => c.Item1).ThenBy(c => c.Item2);
        int now = 0, most = 0;
        foreach (var (_, delta) in changes)
        {
            now += delta;
            most = Math.Max(most, now);
        }

        return most;
    }
}
