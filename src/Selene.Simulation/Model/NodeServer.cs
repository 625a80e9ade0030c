using Selene.Simulation.Kernel;

namespace Selene.Simulation.Model;

/// <summary>
/// A node as a queueing station: one server per GPU, one FIFO queue per priority level, higher levels served
/// first, no preemption. Its kernel events are service completions, with the finished request as state.
/// </summary>
internal sealed class NodeServer : IEventTarget
{
    private readonly SimulationKernel _kernel;
    private readonly Queue<Request>[] _queues;
    private readonly double[] _queuedWork;
    private readonly Action<Request> _onServed;
    private double _busyWork;

    public NodeServer(SimulationKernel kernel, NodeProfile profile, SiteState site, int priorityLevels, Action<Request> onServed)
    {
        _kernel = kernel;
        Profile = profile;
        Site = site;
        Servers = profile.Node.GpuCount;
        _queues = Enumerable.Range(0, priorityLevels).Select(_ => new Queue<Request>()).ToArray();
        _queuedWork = new double[priorityLevels];
        _onServed = onServed;
    }

    public NodeProfile Profile { get; }

    public SiteState Site { get; }

    public int Servers { get; }

    public int Busy { get; private set; }

    /// <summary>
    /// Expected seconds until a new request of <paramref name="level"/> would start: zero with a GPU free,
    /// otherwise the queued work at its level or above plus half the work in service, spread over the GPUs.
    /// </summary>
    public double ExpectedWaitSeconds(int level)
    {
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
        Busy--;
        _busyWork -= request.ExpectedServiceSeconds;
        Site.Busy.Add(_kernel.Now, -1);
        _onServed(request);
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
        _kernel.Schedule(request.ServiceSeconds, this, request);
    }
}
