using Selene.Simulation.Kernel;

namespace Selene.Simulation.Model;

/// <summary>
/// A node as a queueing station: one server per working GPU, one FIFO queue per priority level, higher levels
/// served first, no preemption. Its kernel events are service completions, with the finished request as state.
/// Faults take GPUs offline (for a reboot or for good) or the whole node; the requests they interrupt go back
/// to the twin through <c>onAborted</c>.
/// </summary>
internal sealed class NodeServer : IEventTarget
{
    private readonly SimulationKernel _kernel;
    private readonly Queue<Request>[] _queues;
    private readonly double[] _queuedWork;
    private readonly Action<Request> _onServed;
    private readonly Action<Request, string> _onAborted;
    private readonly List<Request> _inService = [];
    private double _busyWork;

    public NodeServer(SimulationKernel kernel, NodeProfile profile, SiteState site, int priorityLevels, Action<Request> onServed, Action<Request, string> onAborted)
    {
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
            Abort(_inService[^1], reason);
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
            Abort(_inService[pick(Busy)], reason);
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
        Drain(reason);
        Site.Gpus.Add(_kernel.Now, -Servers);
        Servers = 0;
    }

    /// <summary>Interrupts every request running or queued on the node (a NoExecute taint); the GPUs stay.</summary>
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

    private void StartNext()
    {
        if (Busy >= Servers)
        {
            return;
        }

        for (var level = 0; level < _queues.Length; level++)
        {
            if (_queues[level].TryDequeue(out var next))
            {
                _queuedWork[level] -= next.ExpectedServiceSeconds;
                Site.Queued.Add(_kernel.Now, -1);
                Start(next);
                break;
            }
        }
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
