namespace Selene.Simulation.Model;

/// <summary>Where an unfinished request is.</summary>
internal enum RequestStage
{
    Uplink,
    Queued,
    InService,
    Downlink,
}

/// <summary>One request, from arrival to reply.</summary>
internal sealed class Request
{
    public required TenantState Tenant { get; init; }

    public required double ArrivalTime { get; init; }

    public required NodeServer Node { get; init; }

    /// <summary>Service time on its node, drawn at placement from the tenant's stream.</summary>
    public required double ServiceSeconds { get; init; }

    /// <summary>The node's expected service time for this tenant (what the scheduler may know).</summary>
    public required double ExpectedServiceSeconds { get; init; }

    public double QueuedAt { get; set; }

    public RequestStage Stage { get; set; }
}
