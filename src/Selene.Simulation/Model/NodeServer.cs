using Selene.Simulation.Kernel;

namespace Selene.Simulation.Model;

/// <summary>
/// A node as the host of its tenants' replicas, each an engine on <c>tp</c> GPUs, started when the control plane's
/// pod for it starts on the node and stopped when the pod goes. Faults take GPUs offline (for a reboot or for good)
/// or the whole node, stopping any replica on them; the requests they interrupt go back to the twin through
/// <c>onAborted</c>, and a replica a fault stopped is reported through <c>onReplicaStopped</c> so its pod is replaced.
/// </summary>
internal sealed class NodeServer
{
    private readonly SimulationKernel _kernel;
    private readonly Action<Request> _onServed;
    private readonly Action<Request, string> _onAborted;
    private readonly List<Replica> _replicas = [];
    private readonly Action<Replica> _onReplicaStarted;
    private readonly Action<Replica, string> _onReplicaStopped;

    public NodeServer(SimulationKernel kernel, NodeProfile profile, SiteState site, Action<Request> onServed, Action<Request, string> onAborted,
        Action<Replica> onReplicaStarted, Action<Replica, string> onReplicaStopped)
    {
        _onReplicaStarted = onReplicaStarted;
        _onReplicaStopped = onReplicaStopped;
        Gpu = Selene.Serving.Hardware.GpuTable.Find(profile.GpuType);
        _kernel = kernel;
        Profile = profile;
        Site = site;
        Installed = profile.Node.GpuCount;
        Servers = Installed;
        _onAborted = onAborted;
        _onServed = onServed;
    }

    public NodeProfile Profile { get; }

    /// <summary>The node's GPU type in the GPU table, or null when the table does not have it (then its replicas serve whole requests only).</summary>
    public Selene.Serving.Hardware.GpuSpec? Gpu { get; }

    public SiteState Site { get; }

    /// <summary>GPUs working now.</summary>
    public int Servers { get; private set; }

    /// <summary>GPUs the node was built with.</summary>
    public int Installed { get; }

    /// <summary>True once the node is lost: it takes no more work.</summary>
    public bool Destroyed { get; private set; }

    /// <summary>GPUs its replicas hold.</summary>
    public int Busy { get; private set; }

    /// <summary>Requests waiting in its replicas' engines.</summary>
    public int Queued => _replicas.Sum(r => r.Engine.Waiting);

    /// <summary>Hands a request that reached the node to its replica.</summary>
    public void Accept(Request request)
    {
        if (Destroyed)
        {
            _onAborted(request, "node lost");
            return;
        }

        var replica = request.Replica!;
        if (replica.Released)
        {
            _onAborted(request, "its replica stopped before the request reached it");
            return;
        }

        request.Tenant.Move(request, RequestStage.InService);
        replica.Submit(request);
    }

    /// <summary>Takes one GPU offline; the replica on it, if any, stops. False when none is left.</summary>
    public bool TakeGpuOffline(string reason)
    {
        if (Servers == 0)
        {
            return false;
        }

        Servers--;
        Site.Gpus.Add(_kernel.Now, -1);
        if (Busy > Servers)
        {
            StopReplica(_replicas[^1], reason);
        }

        return true;
    }

    /// <summary>GPUs that failed for good: the node reports that many fewer.</summary>
    public int GpusFailedForGood { get; private set; }

    /// <summary>Takes one GPU offline for good; false when none is left.</summary>
    public bool FailGpuForGood(string reason)
    {
        if (!TakeGpuOffline(reason))
        {
            return false;
        }

        GpusFailedForGood++;
        return true;
    }

    /// <summary>Brings a rebooted GPU back.</summary>
    public void BringGpuOnline()
    {
        if (Destroyed)
        {
            return;
        }

        Servers++;
        Site.Gpus.Add(_kernel.Now, 1);
    }

    /// <summary>A detected error on one busy GPU (chosen by <paramref name="pick"/> in [0, busy)) ends the replica on it (its process dies), with every request in it; the GPU stays.</summary>
    public void Corrupt(Func<int, int> pick, string reason)
    {
        if (Busy == 0)
        {
            return;
        }

        var gpu = pick(Busy);
        foreach (var replica in _replicas)
        {
            if (gpu < replica.Gpus)
            {
                StopReplica(replica, reason);
                return;
            }

            gpu -= replica.Gpus;
        }
    }

    /// <summary>Loses the node: every replica on it stops, and the requests in them are interrupted.</summary>
    public void Destroy(string reason)
    {
        if (Destroyed)
        {
            return;
        }

        Destroyed = true;
        while (_replicas.Count > 0)
        {
            StopReplica(_replicas[^1], reason);
        }

        Site.Gpus.Add(_kernel.Now, -Servers);
        Servers = 0;
    }

    /// <summary>Whether <paramref name="gpus"/> GPUs are free for a new replica.</summary>
    public bool HasRoomFor(int gpus) => !Destroyed && Busy + gpus <= Servers;

    /// <summary>Starts a replica of <paramref name="tenant"/> for the pod <paramref name="pod"/> (its name and UID) on free GPUs; null when they are not free.</summary>
    public Replica? StartReplica(TenantState tenant, (string Name, string Uid) pod)
    {
        var serving = tenant.Spec.Serving!;
        if (!HasRoomFor(serving.TensorParallel))
        {
            return null;
        }

        var replica = new Replica(_kernel, this, tenant, serving.TensorParallel, pod, EngineFor(tenant), _onServed, _onAborted);
        _replicas.Add(replica);
        Busy += replica.Gpus;
        Site.Busy.Add(_kernel.Now, replica.Gpus);
        _onReplicaStarted(replica);
        return replica;
    }

    /// <summary>Stops a replica whose pod went: what it still holds is interrupted and its GPUs are freed.</summary>
    public void EndReplica(Replica replica, string reason)
    {
        if (!replica.Released)
        {
            ReleaseReplica(replica);
            replica.Abort(reason);
        }
    }

    // A fault stopped the replica: it leaves its gateway's pool and its pod is reported failed before the requests
    // it held are routed again.
    private void StopReplica(Replica replica, string reason)
    {
        ReleaseReplica(replica);
        _onReplicaStopped(replica, reason);
        replica.Abort(reason);
    }

    private void ReleaseReplica(Replica replica)
    {
        replica.Release();
        _replicas.Remove(replica);
        Busy -= replica.Gpus;
        Site.Busy.Add(_kernel.Now, -replica.Gpus);
    }

    // The engine a new replica of the tenant runs here: a model's, its step times for this GPU type worked out once,
    // or whole requests for the tenant's service times on this GPU type (a split model's whole model on Earth).
    private Func<Replica, Selene.Serving.Engine.IServingEngine> EngineFor(TenantState tenant)
    {
        var serving = tenant.Spec.Serving!;
        if (serving.Model is not { } model)
        {
            var spec = tenant.Spec;
            var times = !Site.IsRemote && spec.LocalServiceTimes is { } local ? local : spec.ServiceTimes;
            var service = times[Profile.GpuType];
            var stream = tenant.ServiceStream;
            return replica => new Selene.Serving.Engine.WholeRequestEngine(() => service.Sample(stream), replica);
        }

        if (!tenant.Engines.TryGetValue(Profile.GpuType, out var engine))
        {
            var step = new Selene.Serving.Performance.StepTimeModel(model, Gpu!, serving.TensorParallel, serving.Weights, serving.Engine);
            engine = (step, serving.ConfigFor(Gpu!));
            tenant.Engines[Profile.GpuType] = engine;
        }

        return model.Kind == Selene.Serving.Models.ModelKind.Diffusion
            ? replica => new Selene.Serving.Engine.DiffusionEngine(engine.Model, engine.Config, replica)
            : replica => new Selene.Serving.Engine.ContinuousBatchingEngine(engine.Model, engine.Config, replica);
    }
}
