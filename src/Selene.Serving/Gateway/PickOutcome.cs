namespace Selene.Serving.Gateway;

/// <summary>What the gateway does with a request.</summary>
public enum PickKind
{
    /// <summary>Sent to <see cref="PickOutcome.Endpoint"/>.</summary>
    Routed,

    /// <summary>Refused: the pool is saturated and the request is sheddable.</summary>
    Shed,

    /// <summary>Held at the gateway: no endpoint can take it now (none fresh, reachable and within its TTFT, or all saturated).</summary>
    Queued,
}

/// <summary>The gateway's decision for one request.</summary>
/// <param name="Kind">Routed, shed or queued.</param>
/// <param name="Endpoint">Index of the chosen endpoint, or -1.</param>
/// <param name="Reason">Why it was shed or queued; empty when routed.</param>
public readonly record struct PickOutcome(PickKind Kind, int Endpoint, string Reason);
