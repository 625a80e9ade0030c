using System.Collections.Concurrent;
using System.Text;

namespace Selene.Inference.Runtime;

/// <summary>
/// The far end: runs each request once, keeps its reply, and answers a retransmitted copy with the kept reply
/// (or not at all while the first copy is still running). A request past its lifetime is not run, and one whose
/// lifetime ends while it runs is stopped. It runs on the thread that delivers the request: a transport that must
/// keep reading delivers each on a thread of its own.
/// </summary>
public sealed class BundleServer(Func<byte[], CancellationToken, byte[]> handle, Action<Bundle> reply, TimeProvider? time = null)
{
    // Kept replies are dropped once their request's lifetime is over: no copy of it can still want an answer.
    private readonly ConcurrentDictionary<long, Bundle?> _replies = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private int _runs;
    private int _duplicates;

    /// <summary>Requests run.</summary>
    public int Runs => _runs;

    /// <summary>Copies of requests already seen.</summary>
    public int Duplicates => _duplicates;

    /// <summary>Called with each request that arrives.</summary>
    public void Receive(Bundle request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.IsReply)
        {
            return;
        }

        if (!_replies.TryAdd(request.Id, null))
        {
            Interlocked.Increment(ref _duplicates);
            if (_replies.TryGetValue(request.Id, out var kept) && kept is not null)
            {
                reply(kept);
            }

            return;
        }

        var left = request.ExpiresAt - _time.GetUtcNow();
        if (left <= TimeSpan.Zero)
        {
            return;
        }

        using var deadline = new CancellationTokenSource(left, _time);
        Bundle answer;
        try
        {
            Interlocked.Increment(ref _runs);
            answer = request with { IsReply = true, Payload = handle(request.Payload, deadline.Token) };
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or InvalidOperationException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            answer = request with { IsReply = true, Failed = true, Payload = Encoding.UTF8.GetBytes(e.Message) };
        }

        _replies[request.Id] = answer;
        reply(answer);
        Forget(request);
    }

    private void Forget(Bundle request)
    {
        var left = request.ExpiresAt - _time.GetUtcNow();
        _ = Task.Delay(left > TimeSpan.Zero ? left : TimeSpan.Zero, _time).ContinueWith(_ => _replies.TryRemove(request.Id, out Bundle? _), TaskScheduler.Default);
    }
}
