using Selene.Simulation.Kernel;

namespace Selene.Simulation.Model;

/// <summary>
/// Every request's way through the twin, from arrival to reply: routed by its tenant's gateway to a Ready replica,
/// across the link when the replica is remote, routed again after a fault while its budget lasts, and counted at the
/// end as served, shed or failed with a reason. Requests are pooled: a long run creates hundreds of millions.
/// </summary>
internal sealed class RequestFlow(SimulationKernel kernel, double binSeconds)
{
    private readonly SimulationKernel _kernel = kernel;
    private readonly Stack<Request> _pool = new();

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
        tenant.Gateway!.Route(Take(tenant, prompt, output));
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

    /// <summary>The gateway sends a request to <paramref name="replica"/>: across the link to a lunar one.</summary>
    public void SendToReplica(Request request, Replica replica)
    {
        var tenant = request.Tenant;
        request.Node = replica.Node;
        request.Replica = replica;
        request.RoutedAt = _kernel.Now;
        request.Stage = replica.Node.Site.IsRemote ? RequestStage.Uplink : RequestStage.Queued;
        tenant.Enter(request.Stage);
        if (replica.Node.Site.Link is { } link && tenant.Spec.PrefixSeconds > 0)
        {
            // A split model's prefix runs on Earth before the cut tensors leave.
            _kernel.ScheduleAt(_kernel.Now + tenant.Spec.PrefixSeconds, () => link.Uplink.Send(request, tenant.Spec.RequestBytes));
        }
        else if (replica.Node.Site.Link is { } direct)
        {
            direct.Uplink.Send(request, tenant.Spec.RequestBytes);
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
        if (tenant.Spec.Serving!.ServesWholeRequests)
        {
            tenant.Finish(_kernel.Now, tenant.Spec.Objectives.Met(latency, 0, latency));
        }
        else
        {
            // The first token reaches the user once it has crossed the link (tokens stream back as they come); an image is
            // one piece of output, there when the whole reply is.
            var ttft = tenant.Spec.Serving.Model!.Kind == Selene.Serving.Models.ModelKind.Diffusion
                ? latency
                : request.Node.Site.AcrossLink(request.FirstTokenAt) - request.ArrivalTime;
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
    /// A request whose replica failed under it: routed again while its budget lasts, otherwise failed with the fault
    /// as its reason. None vanish.
    /// </summary>
    public void Interrupted(Request request, string reason)
    {
        var tenant = request.Tenant;
        tenant.Leave(request.Stage);
        if (request.Refused)
        {
            // No replica of the model can ever hold it: routing it again would only be refused again.
            request.Refused = false;
            Fail(tenant, reason);
            _pool.Push(request);
            return;
        }

        if (_kernel.Now - request.ArrivalTime < tenant.Spec.BudgetSeconds)
        {
            tenant.Retried++;
            request.Replica = null;
            tenant.Gateway!.Route(request);
            return;
        }

        Fail(tenant, $"{reason}; not retried: no time left in its budget");
        _pool.Push(request);
    }
}
