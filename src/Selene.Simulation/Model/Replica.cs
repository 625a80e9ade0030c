using Selene.Serving.Engine;
using Selene.Simulation.Kernel;

namespace Selene.Simulation.Model;

/// <summary>
/// One replica of a tenant's server on <c>tp</c> GPUs of a node: its engine (continuous batching, whole batches for a
/// diffusion model, or whole requests one at a time) as a source of kernel events. The replica schedules one kernel event at the
/// engine's next change; a submission that moves the change earlier schedules another, and the first becomes stale.
/// It keeps what Little's law needs (requests in it, integrated over time), its batch and KV-cache use, and its last
/// few metric readings, so a gateway or autoscaler one light time away reads them as they were when sent.
/// </summary>
internal sealed class Replica : IEventTarget, IEngineObserver
{
    private readonly SimulationKernel _kernel;
    private const int HistoryLength = 64;
    private readonly double[] _historyTime = new double[HistoryLength];
    private readonly EndpointReading[] _history = new EndpointReading[HistoryLength];
    private int _historyCount;
    private readonly Action<Request> _onServed;
    private readonly Action<Request, string> _onAborted;
    private double _scheduledAt = double.NaN;
    private double _lastChange;
    private double _running;
    private double _kvUse;
    private int _waiting;
    private IServingEngine? _engine;
    private double _busySeconds;
    private long _preemptions;

    public Replica(SimulationKernel kernel, NodeServer node, TenantState tenant, int gpus, (string Name, string Uid) pod, Func<Replica, IServingEngine> engine,
        Action<Request> onServed, Action<Request, string> onAborted)
    {
        (Pod, PodUid) = pod;
        _kernel = kernel;
        Node = node;
        Tenant = tenant;
        Gpus = gpus;
        _engine = engine(this);
        _onServed = onServed;
        _onAborted = onAborted;
        CreatedAt = kernel.Now;
        _lastChange = kernel.Now;
        RunningSeries = new Metrics.StepSeries(node.Site.DurationSeconds, node.Site.BinSeconds);
        KvSeries = new Metrics.StepSeries(node.Site.DurationSeconds, node.Site.BinSeconds);
        tenant.Replicas.Add(kernel.Now, 1);
        Push(kernel.Now, default);
    }

    /// <summary>The name of the pod this replica runs in.</summary>
    public string Pod { get; }

    /// <summary>That pod's UID (a name comes back once its pod is gone).</summary>
    public string PodUid { get; }

    /// <summary>When it became Ready (NaN while its model loads).</summary>
    public double ReadyAt { get; set; } = double.NaN;

    /// <summary>True once its pod is being deleted: it finishes what it has and takes nothing new.</summary>
    public bool Draining { get; set; }

    public NodeServer Node { get; }

    public TenantState Tenant { get; }

    /// <summary>Its engine (while it runs: a stopped replica lets go of its engine and keeps its totals).</summary>
    public IServingEngine Engine => _engine ?? throw new InvalidOperationException($"replica {Pod} has stopped");

    /// <summary>Seconds its engine spent computing steps.</summary>
    public double BusySeconds => _engine?.BusySeconds ?? _busySeconds;

    /// <summary>Times its engine preempted a request.</summary>
    public long Preemptions => _engine?.Preemptions ?? _preemptions;

    public int Gpus { get; }

    public double CreatedAt { get; }

    /// <summary>When it gave its GPUs back (NaN while it holds them).</summary>
    public double ReleasedAt { get; private set; } = double.NaN;

    /// <summary>Requests in the replica now, waiting or running.</summary>
    public int InSystem { get; private set; }

    /// <summary>∫ requests in the replica dt.</summary>
    public double InSystemArea { get; private set; }

    /// <summary>∫ running requests dt.</summary>
    public double RunningArea { get; private set; }

    /// <summary>∫ KV-cache use dt.</summary>
    public double KvArea { get; private set; }

    /// <summary>Its running requests (its batch) over the run's bins.</summary>
    public Metrics.StepSeries RunningSeries { get; }

    /// <summary>Its KV-cache use over the run's bins.</summary>
    public Metrics.StepSeries KvSeries { get; }

    /// <summary>Requests it finished.</summary>
    public long Served { get; private set; }

    /// <summary>Σ time from submission to finish over finished requests.</summary>
    public double TimeInSystem { get; private set; }

    /// <summary>When the replica last had nothing to do (valid while <see cref="InSystem"/> is 0).</summary>
    public double IdleSince { get; private set; }

    /// <summary>Its metrics now.</summary>
    public EndpointReading Now => new(Engine.Waiting, Engine.Running, Engine.KvCacheUsage);

    /// <summary>
    /// Its metrics as Earth (a gateway, an autoscaler) has them at <paramref name="now"/>: as they stood one light time
    /// ago for a replica across a link, now for one on Earth.
    /// </summary>
    public EndpointReading SeenFromEarth(double now) => Node.Site.Link is { } link ? At(now - link.Schedule.DelayAt(now)) : Now;

    /// <summary>Its metrics as they stood at <paramref name="time"/> (the oldest kept when older still).</summary>
    public EndpointReading At(double time)
    {
        var count = Math.Min(_historyCount, HistoryLength);
        for (var k = 1; k <= count; k++)
        {
            var slot = (_historyCount - k) % HistoryLength;
            if (_historyTime[slot] <= time || k == count)
            {
                return _history[slot];
            }
        }

        return default;
    }
    public bool Released => !double.IsNaN(ReleasedAt);

    /// <summary>When it stopped holding its GPUs: its release, or <paramref name="end"/> while it still holds them.</summary>
    public double HeldUntil(double end) => Released ? ReleasedAt : end;

    public void Submit(Request request)
    {
        Integrate();
        var engineRequest = request.EngineRequest ??= new EngineRequest(1, 1);
        engineRequest.Reset(Math.Max(1, request.PromptTokens), Math.Max(1, request.OutputTokens), _kernel.Now, request);
        request.FirstTokenAt = double.NaN;
        InSystem++;
        Engine.Submit(engineRequest, _kernel.Now);
        AfterChange();
    }

    public void Handle(object? state)
    {
        if (_kernel.Now != _scheduledAt || Released)
        {
            return; // a later submission moved the engine's next change
        }

        _scheduledAt = double.NaN;
        Integrate();
        Engine.AdvanceTo(_kernel.Now);
        AfterChange();
    }

    /// <summary>Stops the engine (its GPUs failed or the node went); every request in it goes back to the twin.</summary>
    public void Abort(string reason)
    {
        Integrate();
        var held = Engine.Abort();
        InSystem = 0;
        Node.Site.Queued.Add(_kernel.Now, -_waiting);
        _waiting = 0;
        _scheduledAt = double.NaN;
        Record();
        // A long run starts tens of thousands of replicas: one that stopped keeps its totals, not its KV-cache tables.
        (_busySeconds, _preemptions, _engine) = (Engine.BusySeconds, Engine.Preemptions, null);
        foreach (var engineRequest in held)
        {
            _onAborted((Request)engineRequest.Tag!, reason);
        }
    }

    /// <summary>Brings the integrals up to now (the run's end) without changing anything.</summary>
    public void Settle()
    {
        if (!Released)
        {
            Integrate();
        }
    }

    /// <summary>Gives the GPUs back; the replica takes no more work.</summary>
    public void Release()
    {
        Integrate();
        ReleasedAt = _kernel.Now;
        Tenant.Replicas.Add(_kernel.Now, -1);
    }

    public void FirstToken(EngineRequest request, double time) => ((Request)request.Tag!).FirstTokenAt = time;

    public void Finished(EngineRequest request, double time)
    {
        InSystem--;
        Served++;
        TimeInSystem += time - request.ArrivalTime;
        var owner = (Request)request.Tag!;
        owner.TimePerOutputToken = request.TimePerOutputToken;
        // Its wait: held at the gateway, then queued in the engine (the link crossing between is not waiting).
        Tenant.WaitSumSeconds += owner.RoutedAt - owner.ArrivalTime + request.StartTime - request.ArrivalTime;
        Tenant.WaitCount++;
        Tenant.Preemptions += request.Preemptions;
        _onServed(owner);
    }

    public void Preempted(EngineRequest request, double time)
    {
    }

    public void Rejected(EngineRequest request, double time, string reason)
    {
        InSystem--;
        var owner = (Request)request.Tag!;
        owner.Refused = true;
        _onAborted(owner, "refused by the replica: " + reason);
    }

    private void AfterChange()
    {
        Record();
        var next = Engine.NextEventTime;
        if (double.IsFinite(next) && next != _scheduledAt)
        {
            _scheduledAt = next;
            _kernel.ScheduleAt(next, this);
        }

        if (InSystem == 0)
        {
            IdleSince = _kernel.Now;
        }
    }

    private void Push(double time, EndpointReading reading)
    {
        var last = (_historyCount - 1 + HistoryLength) % HistoryLength;
        if (_historyCount > 0 && _historyTime[last] == time)
        {
            _history[last] = reading;
            return;
        }

        var slot = _historyCount % HistoryLength;
        _historyTime[slot] = time;
        _history[slot] = reading;
        _historyCount++;
    }

    private void Integrate()
    {
        var now = _kernel.Now;
        var width = now - _lastChange;
        InSystemArea += InSystem * width;
        RunningArea += _running * width;
        KvArea += _kvUse * width;
        _lastChange = now;
    }

    // The tenant's series of running requests and KV use follow the replica's.
    private void Record()
    {
        var running = (double)Engine.Running;
        var kv = Engine.KvCacheUsage;
        var now = _kernel.Now;
        if (running != _running || kv != _kvUse || Engine.Waiting != _waiting)
        {
            if (Engine.Waiting != _waiting)
            {
                Node.Site.Queued.Add(now, Engine.Waiting - _waiting);
            }

            _waiting = Engine.Waiting;
            Push(now, new EndpointReading(_waiting, (int)running, kv));
        }

        if (running != _running)
        {
            Tenant.Running.Add(now, running - _running);
            RunningSeries.Set(now, running);
            _running = running;
        }

        if (kv != _kvUse)
        {
            Tenant.KvUse.Add(now, kv - _kvUse);
            KvSeries.Set(now, kv);
            _kvUse = kv;
        }
    }
}

/// <summary>A replica's metrics as a gateway scrapes them.</summary>
/// <param name="Waiting">Requests queued in its engine.</param>
/// <param name="Running">Requests in its batch.</param>
/// <param name="KvCacheUsage">KV-cache use, 0…1.</param>
internal readonly record struct EndpointReading(int Waiting, int Running, double KvCacheUsage);
