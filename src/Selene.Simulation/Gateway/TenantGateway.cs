using Selene.Serving.Gateway;
using Selene.Simulation.Kernel;
using Selene.Simulation.Model;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.Gateway;

/// <summary>
/// A serving tenant's inference gateway, on Earth, in the manner of the Gateway API Inference Extension's endpoint
/// picker: its pool is the tenant's Ready replicas; each request goes to the one the picker scores best from the
/// metrics the replicas report (a lunar replica's as they stood one light time ago, none while its link is down).
/// When no replica can take a request (none ready, reachable within its TTFT objective, or unsaturated), a sheddable
/// request is shed with the reason and any other waits at the gateway, first come first served, until one can, or
/// fails once its budget is spent.
/// </summary>
internal sealed class TenantGateway
{
    /// <summary>How often held requests are offered to the pool again (replicas' metrics changing on Earth also do it).</summary>
    public const double RetrySeconds = 0.5;

    private readonly SimulationKernel _kernel;
    private readonly TenantState _tenant;
    private readonly EndpointPicker _picker;
    private readonly Random _ties;
    private readonly Action<Request, Replica> _send;
    private readonly Action<Request, string> _fail;
    private readonly Action<Request, string> _shed;
    private readonly List<Replica> _pool = [];
    private readonly List<EndpointState> _view = [];
    private readonly Queue<Request> _held = new();
    private readonly double _ttft;
    private readonly bool _sheddable;
    private readonly Func<string?> _whyNoReplica;
    private bool _retryScheduled;
    private bool _releaseScheduled;

    /// <summary>
    /// A gateway for <paramref name="tenant"/>: it sends a request to a replica with <paramref name="send"/>, fails or
    /// sheds one with its reason, and asks <paramref name="whyNoReplica"/> why the tenant's pods wait unplaced (the
    /// scheduler's message, or null) when a request fails for want of a replica. Ties are broken from <paramref name="seed"/>.
    /// </summary>
    /// <param name="kernel">The twin's kernel.</param>
    /// <param name="tenant">The tenant served.</param>
    /// <param name="seed">Seed of the tie-breaking stream.</param>
    /// <param name="send">Sends a request to a replica.</param>
    /// <param name="fail">Fails a request with the reason.</param>
    /// <param name="shed">Sheds a sheddable request with the reason.</param>
    /// <param name="whyNoReplica">Why the tenant's pods wait unplaced, or null.</param>
    /// <param name="settings">The picker's weights and thresholds (the extension's defaults when null).</param>
    public TenantGateway(SimulationKernel kernel, TenantState tenant, int seed, Action<Request, Replica> send, Action<Request, string> fail, Action<Request, string> shed,
        Func<string?>? whyNoReplica = null, PickerSettings? settings = null)
    {
        _whyNoReplica = whyNoReplica ?? (() => null);
        _kernel = kernel;
        _tenant = tenant;
        _picker = new EndpointPicker(settings);
        _ties = new Random(seed);
        _send = send;
        _fail = fail;
        _shed = shed;
        _ttft = tenant.Spec.RoundTripBoundSeconds;
        _sheddable = tenant.Spec.Serving!.Criticality == Criticality.Sheddable;
    }

    /// <summary>The Ready replicas requests may go to.</summary>
    public IReadOnlyList<Replica> Pool => _pool;

    /// <summary>Requests waiting at the gateway.</summary>
    public int Held => _held.Count;

    /// <summary>Requests that waited at the gateway.</summary>
    public long EverHeld { get; private set; }

    /// <summary>A replica is Ready: it joins the pool, and held requests are offered to it.</summary>
    public void Add(Replica replica)
    {
        _pool.Add(replica);
        Release();
    }

    /// <summary>A replica leaves the pool (its pod is going, or a fault ended it).</summary>
    public void Remove(Replica replica) => _pool.Remove(replica);

    /// <summary>Routes a request that arrived (or came back from a replica that failed under it).</summary>
    public void Route(Request request)
    {
        var outcome = Pick();
        if (_held.Count > 0 && outcome.Kind == PickKind.Routed)
        {
            Hold(request); // first come, first served: the held go first
            return;
        }

        switch (outcome.Kind)
        {
            case PickKind.Routed:
                _send(request, _pool[outcome.Endpoint]);
                break;
            case PickKind.Shed:
                Refuse(request, outcome.Reason);
                break;
            default:
                Hold(request);
                break;
        }
    }

    /// <summary>
    /// A replica's metrics changed (an Earth replica finished a request): held requests are offered again as soon as
    /// the event that changed them is over (a replica's engine is never re-entered from its own callback).
    /// </summary>
    public void ReleaseSoon()
    {
        if (_releaseScheduled || _held.Count == 0)
        {
            return;
        }

        _releaseScheduled = true;
        _kernel.ScheduleAt(_kernel.Now, () =>
        {
            _releaseScheduled = false;
            Release();
        });
    }

    /// <summary>Offers held requests to the pool again, oldest first, failing those whose budget is spent.</summary>
    public void Release()
    {
        var now = _kernel.Now;
        while (_held.TryPeek(out var request))
        {
            if (now - request.ArrivalTime >= _tenant.Spec.BudgetSeconds)
            {
                _held.Dequeue();
                _tenant.Leave(RequestStage.Pending);
                _fail(request, _pool.Count > 0 ? "held at the gateway past its budget: every replica saturated or out of reach"
                    : _whyNoReplica() is { } why ? $"held at the gateway past its budget: no replica ready; its pods are unschedulable: {why}"
                    : "held at the gateway past its budget: no replica ready");
                continue;
            }

            var outcome = Pick();
            if (outcome.Kind != PickKind.Routed)
            {
                return;
            }

            _held.Dequeue();
            _tenant.Leave(RequestStage.Pending);
            _send(request, _pool[outcome.Endpoint]);
        }
    }

    private PickOutcome Pick()
    {
        var now = _kernel.Now;
        _view.Clear();
        foreach (var replica in _pool)
        {
            var link = replica.Node.Site.Link?.Schedule;
            var delay = link?.DelayAt(now) ?? 0;
            var seen = replica.SeenFromEarth(now);
            _view.Add(new EndpointState(replica.Pod, seen.Waiting, seen.Running, seen.KvCacheUsage, now - delay, delay, link is null || link.NextUp(now) <= now));
        }

        return _picker.Pick(_view, now, _ttft, _sheddable, _ties);
    }

    private void Hold(Request request)
    {
        EverHeld++;
        request.Stage = RequestStage.Pending;
        _tenant.Enter(RequestStage.Pending);
        _held.Enqueue(request);
        ScheduleRetry();
    }

    private void Refuse(Request request, string reason) => _shed(request, reason);

    private void ScheduleRetry()
    {
        if (_retryScheduled)
        {
            return;
        }

        _retryScheduled = true;
        _kernel.ScheduleAt(_kernel.Now + RetrySeconds, () =>
        {
            _retryScheduled = false;
            Release();
            if (_held.Count > 0)
            {
                ScheduleRetry();
            }
        });
    }
}
