namespace Selene.Serving.Gateway;

/// <summary>
/// What the gateway knows of one model-server endpoint (a replica): the metrics it last scraped
/// (<c>vllm:num_requests_waiting</c>, <c>vllm:num_requests_running</c>, <c>vllm:kv_cache_usage_perc</c>), when they
/// were measured, and the link between the gateway and the endpoint.
/// </summary>
/// <param name="Name">Endpoint name.</param>
/// <param name="Waiting">Requests queued at the endpoint.</param>
/// <param name="Running">Requests running.</param>
/// <param name="KvCacheUsage">KV-cache use, 0…1.</param>
/// <param name="MeasuredAt">When the endpoint measured them (seconds); a lunar endpoint's reach Earth one light time later.</param>
/// <param name="OneWaySeconds">One-way delay from the gateway to the endpoint (0 on Earth).</param>
/// <param name="LinkUp">Whether the endpoint can be reached now.</param>
/// <param name="PrefixMatch">Share of the request's prompt blocks the endpoint likely holds (the prefix-cache approximation), 0…1.</param>
public readonly record struct EndpointState(
    string Name,
    int Waiting,
    int Running,
    double KvCacheUsage,
    double MeasuredAt,
    double OneWaySeconds = 0,
    bool LinkUp = true,
    double PrefixMatch = 0)
{
    /// <summary>Round trip between gateway and endpoint.</summary>
    public double RoundTripSeconds => 2 * OneWaySeconds;
}
