using Selene.Cluster.Autoscaling;
using Selene.Simulation.Kernel;
using Selene.Simulation.Model;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.Gateway;

/// <summary>
/// A serving tenant's horizontal autoscaler, as kube-controller-manager runs one: every 15 s it reads the tenant's
/// metric from each Ready replica (a lunar replica's as it stood one light time ago; none while its link is down, so
/// the HPA treats it as missing), counts the pods not yet ready, and sets the workload's replicas to what
/// <see cref="ReplicaCalculator"/> and <see cref="HorizontalAutoscaler"/> give. With a minimum of 0 it scales to zero
/// as KEDA does: the first request waiting at the gateway activates one replica, and the tenant goes back to none
/// after its cooldown without work.
/// </summary>
internal sealed class TenantAutoscaler
{
    /// <summary>The HPA's sync period (--horizontal-pod-autoscaler-sync-period).</summary>
    public const double SyncSeconds = 15;

    private readonly SimulationKernel _kernel;
    private readonly TenantGateway _gateway;
    private readonly ReplicaSpec _spec;
    private readonly HorizontalAutoscaler _hpa;
    private readonly Func<int> _current;
    private readonly Func<int> _unready;
    private readonly Action<int> _scale;
    private readonly List<double> _values = [];
    private double _lastActive;

    public TenantAutoscaler(SimulationKernel kernel, TenantState tenant, TenantGateway gateway, Func<int> current, Func<int> unready, Action<int> scale)
    {
        _kernel = kernel;
        _gateway = gateway;
        _spec = tenant.Spec.Serving!.Replicas;
        _hpa = new HorizontalAutoscaler(Math.Max(1, _spec.Min), Math.Max(1, _spec.Max));
        _current = current;
        _unready = unready;
        _scale = scale;
    }

    /// <summary>Each change of the replica count it made: (time, replicas).</summary>
    public List<double[]> Decisions { get; } = [];

    /// <summary>Starts the sync loop.</summary>
    public void Start() => _kernel.ScheduleAt(SyncSeconds, Sync);

    private void Sync()
    {
        _kernel.ScheduleAt(_kernel.Now + SyncSeconds, Sync);
        var now = _kernel.Now;
        var current = _current();
        if (_gateway.Held > 0 || _gateway.Pool.Any(r => r.InSystem > 0))
        {
            _lastActive = now;
        }

        int desired;
        if (_spec.Min == 0 && current == 0)
        {
            desired = _gateway.Held > 0 ? 1 : 0; // KEDA's activation
        }
        else if (_spec.Min == 0 && now - _lastActive >= _spec.CooldownSeconds)
        {
            desired = 0;
        }
        else
        {
            var recommendation = _spec.Metric == AutoscaleMetric.Queue ? QueueRecommendation(now, current) : PerPodRecommendation(now, current);
            desired = _hpa.Sync(now, current, recommendation);
        }

        if (desired != current)
        {
            Decisions.Add([now, desired]);
            _scale(desired);
        }
    }

    // The queue as the gateway sees it, an External metric with an average-value target (as KEDA scales on a
    // Prometheus query): requests held at the gateway plus those waiting at each replica as last reported (a lunar
    // replica's one light time old, or from before its link went down), over the target per replica.
    private int QueueRecommendation(double now, int current)
    {
        double total = _gateway.Held;
        foreach (var replica in _gateway.Pool)
        {
            total += replica.SeenFromEarth(now).Waiting;
        }

        _values.Clear();
        for (var i = 0; i < current; i++)
        {
            _values.Add(total / current);
        }

        return ReplicaCalculator.Recommend(current, _values, unready: 0, missing: 0, _spec.Target);
    }

    // A per-pod metric as the HPA reads it from each Ready replica: a lunar replica whose link is down has none (missing).
    private int PerPodRecommendation(double now, int current)
    {
        var missing = 0;
        _values.Clear();
        foreach (var replica in _gateway.Pool)
        {
            if (replica.Draining)
            {
                continue;
            }

            if (replica.Node.Site.Link is { } link && link.Schedule.NextUp(now) > now)
            {
                missing++;
                continue;
            }

            var seen = replica.SeenFromEarth(now);
            _values.Add(_spec.Metric == AutoscaleMetric.KvCache ? seen.KvCacheUsage : seen.Running);
        }

        return ReplicaCalculator.Recommend(current, _values, _unready(), missing, _spec.Target);
    }
}
