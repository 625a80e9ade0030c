namespace Selene.Simulation.Limits;

/// <summary>
/// How much work a run may take on before it is refused or stopped, so that a typo (<c>ratePerSecond: 1e20</c>) or a
/// scenario that offers far more than its nodes can serve ends with a clear message, not with the machine's memory.
/// </summary>
public sealed record WorkLimits
{
    /// <summary>The limits a run has unless the user raises them.</summary>
    public static WorkLimits Default { get; } = new();

    /// <summary>
    /// Most requests expected to arrive over the run (each tenant's mean rate times the duration), checked before it
    /// starts. Default 500 million: the built-in scenario's year is 114 million.
    /// </summary>
    public double MaxArrivals { get; init; } = 500e6;

    /// <summary>
    /// Most requests in flight at once (waiting, on a link, queued or in service), checked as the run goes. Each takes
    /// about 130 bytes, so the default of 10 million holds the twin near 1.5 GB; a backlog that large means the
    /// scenario offers much more than its nodes serve.
    /// </summary>
    public long MaxInFlight { get; init; } = 10_000_000;
}
