namespace Selene.Simulation.Model;

/// <summary>Where an unfinished request is.</summary>
internal enum RequestStage
{
    /// <summary>No replica can take the request now (none ready, reachable or unsaturated); its gateway holds it.</summary>
    Pending,
    Uplink,
    Queued,
    InService,
    Downlink,
}

/// <summary>
/// One request, from arrival to reply. Requests are recycled through a pool once their reply is received,
/// since a long run creates hundreds of millions of them.
/// </summary>
internal sealed class Request
{
    public TenantState Tenant { get; set; } = null!;

    public double ArrivalTime { get; set; }

    public NodeServer Node { get; set; } = null!;

    /// <summary>The replica the gateway sent it to, or null while it is held.</summary>
    public Replica? Replica { get; set; }

    /// <summary>When the gateway last sent it to a replica.</summary>
    public double RoutedAt { get; set; }

    public RequestStage Stage { get; set; }

    /// <summary>Prompt tokens (0 for whole-request work).</summary>
    public int PromptTokens { get; set; }

    /// <summary>Output tokens (0 for whole-request work).</summary>
    public int OutputTokens { get; set; }

    /// <summary>When the replica produced its first token (NaN before, and for whole-request work).</summary>
    public double FirstTokenAt { get; set; } = double.NaN;

    /// <summary>Time per output token after the first, at the replica.</summary>
    public double TimePerOutputToken { get; set; }

    /// <summary>True when a replica refused it for good (too long for its KV cache).</summary>
    public bool Refused { get; set; }

    /// <summary>The engine's view of the request, kept with it so a pooled request reuses it.</summary>
    public Selene.Serving.Engine.EngineRequest? EngineRequest { get; set; }
}
