using Selene.Simulation.Kernel;

namespace Selene.Simulation.Model;

/// <summary>
/// A node as a queueing station: one server per working GPU, one FIFO queue per priority level, higher levels
/// served first, no preemption, for whole-request work that holds one GPU per request; and the host of serving
/// tenants' replicas, each an engine on <c>tp</c> GPUs, started when the control plane's pod for it starts on the
/// node and stopped when the pod goes. Its kernel events are service completions, with the finished request as
/// state (replicas schedule their own). Faults take GPUs offline (for a reboot or for good) or the whole node,
/// stopping any replica on them; the requests they interrupt go back to the twin through <c>onAborted</c>, and a
/// replica a fault stopped is reported through <c>onReplicaStopped</c> so its pod is replaced.
/// </summary>
internal sealed class NodeServer : IEventTarget
{
    private readonly SimulationKernel _kernel;
    private readonly Queue<Request>[] _queues;
    private readonly double[] _queuedWork;
    private readonly Action<Request> _onServed;
    private readonly Action<Request, string> _onAborted;
    private readonly List<Request> _inService = [];
    private readonly List<Replica> _replicas = [];
    private readonly Action<Replica> _onReplicaStarted;
    private readonly Action<Replica, string> _onReplicaStopped;
    private double _busyWork;

    public NodeServer(SimulationKernel kernel, NodeProfile profile, SiteState site, int priorityLevels, Action<Request> onServed, Action<Request, string> onAborted,
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
        _queues = Enumerable.Range(0, priorityLevels).Select(_ => new Queue<Request>()).ToArray();
        _queuedWork = new double[priorityLevels];
        _onServed = onServed;
    }

    public NodeProfile Profile { get; }

    /// <summary>The node's GPU type in the GPU table, or null when the table does not have it (then it serves whole requests only).</summary>
    public Selene.Serving.Hardware.GpuSpec? Gpu { get; }

    public SiteState Site { get; }

    /// <summary>GPUs working now.</summary>
    public int Servers { get; private set; }

    /// <summary>GPUs the node was built with.</summary>
    public int Installed { get; }

    /// <summary>True once the node is lost: it takes no more work.</summary>
    public bool Destroyed { get; private set; }

    public int Busy { get; private set; }

    /// <summary>Requests waiting for a GPU, at every priority level.</summary>
    public int Queued => _queues.Sum(q => q.Count);

    /// <summary>
    /// Expected seconds until a new request of <paramref name="level"/> would start: zero with a GPU free,
    /// otherwise the queued work at its level or above plus half the work in service, spread over the GPUs.
    /// </summary>
    public double ExpectedWaitSeconds(int level)
    {
        if (Servers == 0)
        {
            return double.PositiveInfinity;
        }

        if (Busy < Servers)
        {
            return 0;
        }

        var ahead = _busyWork / 2;
        for (var i = 0; i <= level; i++)
        {
            ahead += _queuedWork[i];
        }

        return ahead / Servers;
    }

    public void Accept(Request request)
    {
        if (Destroyed)
        {
            _onAborted(request, "node lost");
            return;
        }

        request.QueuedAt = _kernel.Now;
        if (request.Replica is { } replica)
        {
            if (replica.Released)
            {
                _onAborted(request, "its replica stopped before the request reached it");
                return;
            }

            request.Tenant.Move(request, RequestStage.InService);
            replica.Submit(request);
            return;
        }

        if (Busy < Servers)
        {
            Start(request);
            return;
        }

        var level = request.Tenant.PriorityLevel;
        _queues[level].Enqueue(request);
        _queuedWork[level] += request.ExpectedServiceSeconds;
        request.Tenant.Move(request, RequestStage.Queued);
        Site.Queued.Add(_kernel.Now, 1);
    }

    public void Handle(object? state)
    {
        var request = (Request)state!;
        if (request.Node != this || request.ServiceEndsAt != _kernel.Now || !_inService.Remove(request))
        {
            return; // The GPU failed under it earlier; the request has moved on.
        }

        Busy--;
        _busyWork -= request.ExpectedServiceSeconds;
        Site.Busy.Add(_kernel.Now, -1);
        request.ServiceEndsAt = double.NaN;
        _onServed(request);
        StartNext();
    }

    /// <summary>Takes one GPU offline; the request it ran, if any, is interrupted. False when none is left.</summary>
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
            if (_replicas.Count > 0)
            {
                StopReplica(_replicas[^1], reason);
            }
            else
            {
                Abort(_inService[^1], reason);
            }
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
        StartNext();
    }

    /// <summary>Interrupts the request on one busy GPU (chosen by <paramref name="pick"/> in [0, busy)); the GPU stays.</summary>
    public void Corrupt(Func<int, int> pick, string reason)
    {
        if (Busy > 0)
        {
            // A detected error on a replica's GPU ends its engine (the process dies), with every request in it.
            var gpu = pick(Busy);
            if (gpu < _inService.Count)
            {
                Abort(_inService[gpu], reason);
            }
            else
            {
                gpu -= _inService.Count;
                foreach (var replica in _replicas)
                {
                    if (gpu < replica.Gpus)
                    {
                        StopReplica(replica, reason);
                        break;
                    }

                    gpu -= replica.Gpus;
                }
            }

            StartNext();
        }
    }

    /// <summary>Loses the node: every request running or queued on it is interrupted.</summary>
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

        Drain(reason);
        Site.Gpus.Add(_kernel.Now, -Servers);
        Servers = 0;
    }

    /// <summary>
    /// Interrupts every whole request running or queued on the node (a NoExecute taint); the GPUs stay. Replicas stay
    /// too: their pods are the control plane's to evict, and they stop when the eviction reaches them.
    /// </summary>
    public void Drain(string reason)
    {
        while (_inService.Count > 0)
        {
            Abort(_inService[^1], reason);
        }

        for (var level = 0; level < _queues.Length; level++)
        {
            while (_queues[level].TryDequeue(out var queued))
            {
                _queuedWork[level] -= queued.ExpectedServiceSeconds;
                Site.Queued.Add(_kernel.Now, -1);
                _onAborted(queued, reason);
            }
        }
    }

    private void Abort(Request request, string reason)
    {
        _inService.Remove(request);
        Busy--;
        _busyWork -= request.ExpectedServiceSeconds;
        Site.Busy.Add(_kernel.Now, -1);
        request.ServiceEndsAt = double.NaN;
        _onAborted(request, reason);
    }

    // Starts queued requests, highest level first, while GPUs are free (a replica that ends frees several).
    private void StartNext()
    {
        var level = 0;
        while (Busy < Servers && level < _queues.Length)
        {
            if (_queues[level].TryDequeue(out var next))
            {
                _queuedWork[level] -= next.ExpectedServiceSeconds;
                Site.Queued.Add(_kernel.Now, -1);
                Start(next);
            }
            else
            {
                level++;
            }
        }
    }

    /// <summary>Whether <paramref name="gpus"/> GPUs are free for a new replica (and the node's GPU type can run one).</summary>
    public bool HasRoomFor(int gpus) => Gpu is not null && !Destroyed && Busy + gpus <= Servers;

    /// <summary>Starts a replica of <paramref name="tenant"/> for the pod <paramref name="pod"/> (its name and UID) on free GPUs; null when they are not free.</summary>
    public Replica? StartReplica(TenantState tenant, (string Name, string Uid) pod)
    {
        var serving = tenant.Spec.Serving!;
        if (!HasRoomFor(serving.TensorParallel))
        {
            return null;
        }

        if (!tenant.Engines.TryGetValue(Profile.GpuType, out var engine))
        {
            var model = new Selene.Serving.Performance.StepTimeModel(serving.Model, Gpu!, serving.TensorParallel, serving.Weights, serving.Engine);
            engine = (model, serving.ConfigFor(Gpu!));
            tenant.Engines[Profile.GpuType] = engine;
        }

        var replica = new Replica(_kernel, this, tenant, engine.Model, engine.Config, pod, _onServed, _onAborted);
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
            StartNext();
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

    private void Start(Request request)
    {
        Busy++;
        _busyWork += request.ExpectedServiceSeconds;
        Site.Busy.Add(_kernel.Now, 1);
        var tenant = request.Tenant;
        tenant.WaitSumSeconds += _kernel.Now - request.QueuedAt;
        tenant.WaitCount++;
        tenant.Move(request, RequestStage.InService);
        request.ServiceEndsAt = _kernel.Now + request.ServiceSeconds;
        _inService.Add(request);
        _kernel.Schedule(request.ServiceSeconds, this, request);
    }
}
