using System.Collections.Concurrent;
using System.Text;

namespace Selene.Inference.Runtime;

/// <summary>
/// The requester's end: sends a request as a bundle and, until its reply arrives or its lifetime ends, sends it again
/// each time the reply is overdue, so a lost request or a lost reply costs a retransmission, never the request.
/// </summary>
public sealed class BundleClient(Action<Bundle> send, TimeProvider? time = null)
{
    private readonly ConcurrentDictionary<long, TaskCompletionSource<Bundle>> _waiting = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private long _nextId;
    private int _retransmissions;

    /// <summary>Requests sent again because their reply was overdue.</summary>
    public int Retransmissions => _retransmissions;

    /// <summary>Called with each reply that arrives (a duplicate is ignored).</summary>
    public void Receive(Bundle reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.IsReply && _waiting.TryRemove(reply.Id, out var waiting))
        {
            waiting.TrySetResult(reply);
        }
    }

    /// <summary>Sends <paramref name="payload"/> and returns the reply's payload.</summary>
    /// <exception cref="TimeoutException">No reply within <paramref name="lifetime"/>.</exception>
    /// <exception cref="InvalidOperationException">The far side could not run the request.</exception>
    public async Task<byte[]> RequestAsync(byte[] payload, TimeSpan lifetime, TimeSpan retransmitAfter, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var id = Interlocked.Increment(ref _nextId);
        var created = _time.GetUtcNow();
        var bundle = new Bundle(id, false, created.ToUnixTimeMilliseconds(), (long)lifetime.TotalMilliseconds, payload);
        var reply = new TaskCompletionSource<Bundle>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[id] = reply;
        try
        {
            send(bundle);
            while (true)
            {
                var left = created + lifetime - _time.GetUtcNow();
                if (left <= TimeSpan.Zero)
                {
                    throw new TimeoutException($"request {id}: no reply within its lifetime of {lifetime.TotalSeconds:0.###} s");
                }

                var wait = left < retransmitAfter ? left : retransmitAfter;
                var arrived = await Task.WhenAny(reply.Task, Task.Delay(wait, _time, cancel)).ConfigureAwait(false);
                cancel.ThrowIfCancellationRequested();
                if (arrived == reply.Task)
                {
                    var answer = await reply.Task.ConfigureAwait(false);
                    return answer.Failed ? throw new InvalidOperationException(Encoding.UTF8.GetString(answer.Payload)) : answer.Payload;
                }

                if (_time.GetUtcNow() < created + lifetime)
                {
                    Interlocked.Increment(ref _retransmissions);
                    send(bundle);
                }
            }
        }
        finally
        {
            _waiting.TryRemove(id, out _);
        }
    }
}
