namespace Selene.Serving.Gateway;

/// <summary>
/// The endpoint picker's weights and thresholds, defaulting to the Gateway API Inference Extension's (shared
/// reference, serving anchors §4): scorer weights queue 2, KV cache 2, prefix 3 (v1.2 chart, v1.4+ default config);
/// an endpoint is saturated with more than 5 requests queued or its KV cache over 80% used; metrics older than
/// 200 ms are stale. Selene adds its link scorer (weight 1) and measures staleness beyond the light time, since a
/// lunar endpoint's metrics can never be fresher than that.
/// </summary>
/// <param name="QueueWeight">Weight of the queue scorer.</param>
/// <param name="KvCacheWeight">Weight of the KV-cache scorer.</param>
/// <param name="PrefixWeight">Weight of the prefix-cache scorer.</param>
/// <param name="LinkWeight">Weight of the link scorer.</param>
/// <param name="QueueThreshold">Queued requests above which an endpoint is saturated.</param>
/// <param name="KvCacheThreshold">KV-cache use above which an endpoint is saturated.</param>
/// <param name="StalenessSeconds">How old metrics may be, beyond the one-way delay, before they are dropped.</param>
public sealed record PickerSettings(
    double QueueWeight = 2,
    double KvCacheWeight = 2,
    double PrefixWeight = 3,
    double LinkWeight = 1,
    int QueueThreshold = 5,
    double KvCacheThreshold = 0.8,
    double StalenessSeconds = 0.2);
