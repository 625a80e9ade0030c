using Selene.Simulation.Kernel;
using Selene.Simulation.Scheduling;

namespace Selene.Simulation.Model;

/// <summary>
/// Every request's way through the twin, from arrival to reply: its pod placed by the scheduler (or, for a serving
/// tenant, routed by the tenant's gateway to a Ready replica), across the link when the node is remote, held pending
/// while every node that could take it is out of reach, placed again after a fault while its budget lasts, and
/// counted at the end as served, shed or failed with a reason. Requests are pooled: a long run creates hundreds of
/// millions.
/// </summary>
internal sealed class RequestFlow(SimulationKernel kernel, TwinScheduling scheduling, IReadOnlyList<TenantState> tenants, double binSeconds)
{
    private readonly SimulationKernel _kernel = kernel;
    private readonly TwinScheduling _scheduling = scheduling;
    private readonly IReadOnlyList<TenantState> _tenants = tenants;
    private readonly Stack<Request> _pool = new();
    private bool _retryScheduled;

    private double BinSeconds => binSeconds;

    /// <summary>A request of <paramref name="tenant"/> arrives now, its tokens drawn from the tenant's source.</summary>
    public void Arrive(TenantState tenant)
    {
        var (prompt, output) = tenant.TokenStream is { } stream ? tenant.Spec.Tokens!.Draw(stream) : (0, 0);
        Arrive(tenant, prompt, output);
    }

    /// <summary>A request of <paramref name="tenant"/> arrives now with these tokens (0 for whole-request work).</summary>
    public void Arrive(TenantState tenant, int prompt, int output)
    {
        tenant.Arrived++;
        if (tenant.Gateway is { } gateway)
        {
            gateway.Route(Take(tenant, prompt, output));
            return;
        }

        RefreshFeasibility(tenant);
        tenant.CountRejections();

        if (tenant.Feasible.Count == 0 && !tenant.WaitsForLink)
        {
            Fail(tenant, tenant.NoNodeReason);
            return;
        }

        var request = Take(tenant, prompt, output);
        if (tenant.Feasible.Count == 0)
        {
            request.Stage = RequestStage.Pending;
            tenant.Enter(RequestStage.Pending);
            tenant.Pending.Enqueue(request);
            ScheduleRetry();
            return;
        }

        Dispatch(request, fromPending: false);
    }

    // A request from the pool, as it arrives now.
    private Request Take(TenantState tenant, int prompt, int output)
    {
        var request = _pool.Count > 0 ? _pool.Pop() : new Request();
        request.Tenant = tenant;
        request.ArrivalTime = _kernel.Now;
        request.PromptTokens = prompt;
        request.OutputTokens = output;
        request.Replica = null;
        return request;
    }

    /// <summary>Places a request's pod on one of its tenant's feasible nodes and sends it there.</summary>
    private void Dispatch(Request request, bool fromPending)
    {
        var tenant = request.Tenant;
        var feasible = tenant.Feasible;
        var choice = feasible.Count == 1 ? 0 : _scheduling.Choose(tenant);
        var chosen = feasible[choice];
        var service = tenant.FeasibleService[choice];
        var remote = chosen.Site.IsRemote;
        request.Node = chosen;
        request.ServiceSeconds = service.Sample(tenant.ServiceStream);
        request.ExpectedServiceSeconds = service.Mean;
        if (fromPending)
        {
            tenant.Leave(RequestStage.Pending);
        }

        request.Stage = remote ? RequestStage.Uplink : RequestStage.Queued;
        tenant.Enter(request.Stage);
        if (remote && tenant.Spec.PrefixSeconds > 0)
        {
            // A split model's prefix runs on Earth before the cut tensors leave.
            var link = chosen.Site.Link!;
            _kernel.ScheduleAt(_kernel.Now + tenant.Spec.PrefixSeconds, () => link.Uplink.Send(request, tenant.Spec.RequestBytes));
        }
        else if (remote)
        {
            chosen.Site.Link!.Uplink.Send(request, tenant.Spec.RequestBytes);
        }
        else
        {
            chosen.Accept(request);
        }
    }

    /// <summary>The gateway sends a request to <paramref name="replica"/>: across the link to a lunar one.</summary>
    public static void SendToReplica(Request request, Replica replica)
    {
        var tenant = request.Tenant;
        request.Node = replica.Node;
        request.Replica = replica;
        request.Stage = replica.Node.Site.IsRemote ? RequestStage.Uplink : RequestStage.Queued;
        tenant.Enter(request.Stage);
        if (replica.Node.Site.Link is { } link)
        {
            link.Uplink.Send(request, tenant.Spec.RequestBytes);
        }
        else
        {
            replica.Node.Accept(request);
        }
    }

    /// <summary>The gateway gave up on a request (its budget ran out while it waited): failed with the reason.</summary>
    public void FailAtGateway(Request request, string reason)
    {
        Fail(request.Tenant, reason);
        _pool.Push(request);
    }

    /// <summary>The gateway shed a sheddable request: counted with the reason.</summary>
    public void Shed(Request request, string reason)
    {
        var shed = request.Tenant.Shed;
        shed[reason] = shed.GetValueOrDefault(reason) + 1;
        request.Tenant.Finish(_kernel.Now, met: false);
        _pool.Push(request);
    }

    // Pending pods are tried again when conditions may have changed: at the next refresh of the scheduler's view.
    private void ScheduleRetry()
    {
        if (_retryScheduled)
        {
            return;
        }

        _retryScheduled = true;
        var next = (Math.Floor(_kernel.Now / TwinNodeEnvironment.RefreshSeconds) + 1) * TwinNodeEnvironment.RefreshSeconds;
        _kernel.ScheduleAt(next, RetryPending);
    }

    private void RetryPending()
    {
        _retryScheduled = false;
        var waiting = false;
        foreach (var tenant in _tenants)
        {
            if (tenant.Pending.Count > 0)
            {
                RefreshFeasibility(tenant);
            }

            while (tenant.Pending.Count > 0 && tenant.Feasible.Count > 0)
            {
                Dispatch(tenant.Pending.Dequeue(), fromPending: true);
            }

            if (tenant.Pending.Count > 0 && !tenant.WaitsForLink && tenant.Feasible.Count == 0)
            {
                // The wait ended without a node: what kept the pods out is no longer only the link.
                while (tenant.Pending.Count > 0)
                {
                    var request = tenant.Pending.Dequeue();
                    tenant.Leave(RequestStage.Pending);
                    Fail(tenant, tenant.NoNodeReason);
                    _pool.Push(request);
                }
            }

            waiting |= tenant.Pending.Count > 0;
        }

        if (waiting)
        {
            ScheduleRetry();
        }
    }

    /// <summary>A node finished a request: its reply goes home, across the link from a remote node.</summary>
    public void Served(Request request)
    {
        if (request.Tenant.Gateway is { Held: > 0 } gateway && !request.Node.Site.IsRemote)
        {
            gateway.ReleaseSoon(); // an Earth replica's metrics changed: a held request may fit now
        }

        if (request.Node.Site.IsRemote)
        {
            request.Tenant.Move(request, RequestStage.Downlink);
            request.Node.Site.Link!.Downlink.Send(request, request.Tenant.Spec.ReplyBytes);
        }
        else
        {
            Complete(request);
        }
    }

    /// <summary>A request's reply reached the user: it is counted and recycled.</summary>
    public void Complete(Request request)
    {
        var tenant = request.Tenant;
        tenant.Leave(request.Stage);
        var latency = _kernel.Now - request.ArrivalTime;
        tenant.Served++;
        if (latency <= tenant.Spec.BudgetSeconds)
        {
            tenant.ServedWithinBudget++;
        }

        tenant.Latency.Record(latency);
        if (tenant.Spec.Serving is null)
        {
            tenant.Finish(_kernel.Now, tenant.Spec.Objectives.Met(latency, 0, latency));
        }
        else
        {
            // The first token reaches the user once it has crossed the link (tokens stream back as they come).
            var ttft = request.Node.Site.AcrossLink(request.FirstTokenAt) - request.ArrivalTime;
            tenant.Ttft.Record(ttft);
            tenant.Tpot.Record(request.TimePerOutputToken);
            tenant.InputTokens += request.PromptTokens;
            tenant.OutputTokens += request.OutputTokens;
            tenant.Finish(_kernel.Now, tenant.Spec.Objectives.Met(ttft, request.TimePerOutputToken, latency));
        }

        tenant.ServedBySite[request.Node.Site.Index]++;
        if (tenant.ServedPerBin.Length > 0)
        {
            tenant.ServedPerBin[Math.Min(tenant.ServedPerBin.Length - 1, (int)(_kernel.Now / BinSeconds))]++;
        }
        request.Node.Site.Served++;
        _pool.Push(request);
    }

    private void Fail(TenantState tenant, string reason)
    {
        tenant.Failed[reason] = tenant.Failed.GetValueOrDefault(reason) + 1;
        tenant.Finish(_kernel.Now, met: false);
    }

    /// <summary>
    /// A request whose node failed under it: placed again while its budget lasts (on the nodes feasible now, or
    /// held pending while they are unreachable), otherwise failed with the fault as its reason. None vanish.
    /// </summary>
    public void Interrupted(Request request, string reason)
    {
        var tenant = request.Tenant;
        tenant.Leave(request.Stage);
        if (request.Refused)
        {
            // No replica of the model can ever hold it: placing it again would only be refused again.
            request.Refused = false;
            Fail(tenant, reason);
            _pool.Push(request);
            return;
        }

        if (tenant.Gateway is { } gateway)
        {
            if (_kernel.Now - request.ArrivalTime < tenant.Spec.BudgetSeconds)
            {
                tenant.Retried++;
                request.Replica = null;
                gateway.Route(request);
                return;
            }

            Fail(tenant, $"{reason}; not retried: no time left in its budget");
            _pool.Push(request);
            return;
        }

        if (_kernel.Now - request.ArrivalTime < tenant.Spec.BudgetSeconds)
        {
            RefreshFeasibility(tenant);
            if (tenant.Feasible.Count > 0)
            {
                tenant.Retried++;
                Dispatch(request, fromPending: false);
                return;
            }

            if (tenant.WaitsForLink)
            {
                tenant.Retried++;
                request.Stage = RequestStage.Pending;
                tenant.Enter(RequestStage.Pending);
                tenant.Pending.Enqueue(request);
                ScheduleRetry();
                return;
            }
        }

        Fail(tenant, $"{reason}; not retried: {(tenant.Feasible.Count == 0 ? tenant.NoNodeReason : "no time left in its budget")}");
        _pool.Push(request);
    }

    // A tenant's feasible nodes are worked out again when it next needs them after the scheduler's view changed.
    private void RefreshFeasibility(TenantState tenant)
    {
        var version = _scheduling.Version;
        if (tenant.SchedulingVersion != version)
        {
            _scheduling.Filter(tenant);
            tenant.SchedulingVersion = version;
        }
    }
}
