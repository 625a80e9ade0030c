using Selene.Simulation.ControlPlane;
using Selene.Simulation.Kernel;
using Selene.Simulation.Model;

namespace Selene.Simulation.Gateway;

/// <summary>
/// The tenants' replicas as the twin runs them: the kubelet stand-in's counterpart that starts a pod's
/// replica on its node, adds it to the tenant's gateway once Ready, drains and stops it when its pod goes, and tells
/// the control plane when a fault ended one (its pod failed, for the controller to replace); and each tenant's
/// gateway and autoscaler.
/// </summary>
internal sealed class ServingFleet : IReplicaHost
{
    private readonly SimulationKernel _kernel;
    private readonly Dictionary<string, TenantState> _tenants = new(StringComparer.Ordinal);
    private readonly Func<string, NodeServer?> _nodes;
    private readonly Dictionary<(string Tenant, string Pod), Replica> _pods = [];
    private readonly List<TenantAutoscaler> _autoscalers = [];

    public ServingFleet(SimulationKernel kernel, IEnumerable<TenantState> tenants, Func<string, NodeServer?> nodes, Func<string, int> seedFor,
        Action<Request, Replica> send, Action<Request, string> fail, Action<Request, string> shed)
    {
        _kernel = kernel;
        _nodes = nodes;
        foreach (var tenant in tenants)
        {
            var name = tenant.Spec.Name;
            _tenants[name] = tenant;
            tenant.Gateway = new TenantGateway(kernel, tenant, seedFor(name), send, fail, shed, () => Plane?.WhyUnscheduled(name));
        }
    }

    /// <summary>The tenants.</summary>
    public IEnumerable<TenantState> Tenants => _tenants.Values;

    /// <summary>Starts each autoscaling tenant's autoscaler against <paramref name="plane"/>.</summary>
    public void Start(TwinControlPlane plane)
    {
        foreach (var tenant in _tenants.Values.Where(t => t.Spec.Serving!.Replicas.Autoscales))
        {
            var name = tenant.Spec.Name;
            var autoscaler = new TenantAutoscaler(_kernel, tenant, tenant.Gateway!, () => plane.Replicas(name), () => plane.Unready(name), n => plane.Scale(name, n));
            tenant.Autoscaler = autoscaler;
            _autoscalers.Add(autoscaler);
            autoscaler.Start();
        }
    }

    /// <summary>The control plane to tell of pods a fault ended.</summary>
    public TwinControlPlane? Plane { get; set; }

    /// <inheritdoc />
    public bool Started(string tenant, string pod, string name, string node)
    {
        if (!_tenants.TryGetValue(tenant, out var state) || _nodes(node) is not { } server || server.StartReplica(state, (name, pod)) is not { } replica)
        {
            return false;
        }

        _pods[(tenant, pod)] = replica;
        return true;
    }

    /// <inheritdoc />
    public double LoadSeconds(string tenant) => _tenants[tenant].Spec.Serving!.LoadSeconds;

    /// <inheritdoc />
    public void Ready(string tenant, string pod)
    {
        if (_pods.TryGetValue((tenant, pod), out var replica) && !replica.Released)
        {
            replica.ReadyAt = _kernel.Now;
            _tenants[tenant].Gateway!.Add(replica);
        }
    }

    /// <inheritdoc />
    public void Stopping(string tenant, string pod)
    {
        if (_pods.TryGetValue((tenant, pod), out var replica))
        {
            replica.Draining = true;
            _tenants[tenant].Gateway!.Remove(replica);
        }
    }

    /// <inheritdoc />
    public void Stopped(string tenant, string pod, string reason)
    {
        if (_pods.Remove((tenant, pod), out var replica))
        {
            End(replica, reason);
        }
    }

    /// <summary>A fault ended <paramref name="replica"/> on its node: it leaves the pool and its pod is reported failed.</summary>
    public void FaultEnded(Replica replica)
    {
        var tenant = replica.Tenant.Spec.Name;
        replica.Tenant.Gateway!.Remove(replica);
        if (_pods.Remove((tenant, replica.PodUid)))
        {
            Plane?.PodFailed(tenant, replica.Pod, replica.PodUid);
        }
    }

    private static void End(Replica replica, string reason)
    {
        replica.Tenant.Gateway!.Remove(replica);
        replica.Node.EndReplica(replica, reason);
    }
}
