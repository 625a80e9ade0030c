using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Selene.Simulation.Webhooks;

/// <summary>
/// The rules of cosmic-event webhook delivery, one set for the service's outbox and the twin that simulates it:
/// which events a subscriber's filter takes, how long a delivery that was not acknowledged waits before its next
/// attempt (1 s doubling to 10 min, scaled by 0.5–1.5 from the event id and attempt, so retries of many deliveries
/// spread out and a run is reproducible), and how many attempts make a dead letter.
/// </summary>
public static class DeliveryPolicy
{
    /// <summary>Attempts after which an unacknowledged delivery becomes a dead letter.</summary>
    public const int MaxAttempts = 10;

    /// <summary>The longest wait between two attempts, before jitter.</summary>
    public static TimeSpan MaxBackoff { get; } = TimeSpan.FromMinutes(10);

    /// <summary>What a filter may be, for messages.</summary>
    public const string FilterForms = "an event type (io.selene.cosmic-event.upset), a prefix ending in * (io.selene.*), or * for all";

    /// <summary>
    /// True when <paramref name="filter"/> has one of the forms <see cref="Matches"/> reads: an event type, a prefix
    /// ending in one <c>*</c>, or <c>*</c>; letters, digits and <c>. - _ : /</c> otherwise.
    /// </summary>
    public static bool IsFilter(string? filter)
    {
        if (string.IsNullOrEmpty(filter) || filter.Length > 256)
        {
            return false;
        }

        var body = filter.EndsWith('*') ? filter[..^1] : filter;
        return body.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or ':' or '/') && (body.Length > 0 || filter == "*");
    }

    /// <summary>True when <paramref name="filter"/> (an exact type, a prefix ending in <c>*</c>, or <c>*</c>) takes events of <paramref name="type"/>.</summary>
    public static bool Matches(string filter, string type)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(type);
        return filter == "*" || (filter.EndsWith('*') ? type.StartsWith(filter[..^1], StringComparison.Ordinal) : type == filter);
    }

    /// <summary>When a delivery that has failed <paramref name="attempts"/> times is next tried, in Unix milliseconds.</summary>
    public static long NextAttemptMs(long nowMs, string eventId, int attempts)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        var backoff = Math.Min(MaxBackoff.TotalMilliseconds, 1000 * Math.Pow(2, Math.Max(0, attempts - 1)));
        var hash = BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes($"{eventId}/{attempts}")));
        var jitter = 0.5 + (hash / (double)ulong.MaxValue);
        return nowMs + (long)(backoff * jitter);
    }
}
