using Selene.Inference.Caching;
using Selene.Inference.Planning;

namespace Selene.Inference.Runtime;

/// <summary>
/// Split inference end to end from the requester's side: the prefix runs here, its message crosses the link as a
/// bundle (sent again while its reply is overdue), the suffix runs on the far side and its reply comes back. A
/// request's lifetime is its deadline: past it the prefix is stopped, the far side does not start it, and the caller
/// gets a <see cref="TimeoutException"/>.
/// </summary>
public sealed class SplitRunner : IDisposable
{
    private readonly SplitSession _session;
    private readonly BundleClient _client;
    private readonly IDisposable? _owned;

    private SplitRunner(SplitSession session, BundleClient client, IDisposable? owned)
    {
        _session = session;
        _client = client;
        _owned = owned;
    }

    /// <summary>The forward and return directions, when the link is emulated in this process.</summary>
    public (LinkEmulator Forward, LinkEmulator Return)? Emulators { get; private init; }

    /// <summary>The far side, when it runs in this process.</summary>
    public BundleServer? Server { get; private init; }

    /// <summary>Requests sent again because their reply was overdue.</summary>
    public int Retransmissions => _client.Retransmissions;

    /// <summary>How long to wait for a reply before sending a request again.</summary>
    public TimeSpan RetransmitAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Both sides in this process, joined by an emulated <paramref name="link"/> (its loss rate applied to every
    /// bundle each way, from <paramref name="seed"/>). The runner owns <paramref name="session"/>.
    /// </summary>
    public static SplitRunner InProcess(SplitSession session, LinkModel link, int seed, TimeSpan? retransmitAfter = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(link);
        var forward = new LinkEmulator(link.OneWayDelaySeconds, link.ForwardBitsPerSecond, link.LossRate, seed);
        var back = new LinkEmulator(link.OneWayDelaySeconds, link.ReturnBitsPerSecond, link.LossRate, seed + 1);
        BundleClient? client = null;
        var server = new BundleServer((payload, cancel) => session.RunSuffix(payload, cancel), reply => back.Send(reply, r => client!.Receive(r)));
        client = new BundleClient(request => forward.Send(request, server.Receive));
        return new SplitRunner(session, client, session)
        {
            Emulators = (forward, back),
            Server = server,
            RetransmitAfter = retransmitAfter ?? TimeSpan.FromSeconds(Math.Max(0.05, 4 * link.OneWayDelaySeconds)),
        };
    }

    /// <summary>The requester's side of a link to another process: <paramref name="send"/> carries bundles there, and its replies go to the returned runner's <see cref="Receive"/>.</summary>
    public static SplitRunner Remote(SplitSession session, Action<Bundle> send, TimeSpan retransmitAfter) =>
        new(session, new BundleClient(send), session) { RetransmitAfter = retransmitAfter };

    /// <summary>Hands a reply from the far side to the waiting request.</summary>
    public void Receive(Bundle reply) => _client.Receive(reply);

    /// <summary>Answers a repeated request without running it, when set.</summary>
    public ExactCache? Exact { get; set; }

    /// <summary>Answers a request whose prefix output is like a kept one's without crossing the link, when set.</summary>
    public SimilarityCache? Similar { get; set; }

    /// <summary>Runs one request: the graph's outputs, and where they came from.</summary>
    public async Task<SplitResult> RunAsync(IReadOnlyList<TensorData> inputs, TensorCodec codec, TimeSpan lifetime, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var key = Exact is null ? default : ExactCache.Key(inputs);
        if (Exact is not null && Exact.TryGet(key, out var kept))
        {
            return new SplitResult(kept, SplitAnswer.ExactCache);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(lifetime);
        var started = System.Diagnostics.Stopwatch.StartNew();
        (byte[]? Message, IReadOnlyList<TensorData> Outputs) prefix;
        try
        {
            prefix = _session.RunPrefix(inputs, codec, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            throw new TimeoutException($"the prefix did not finish within the request's lifetime of {lifetime.TotalSeconds:0.###} s");
        }

        if (prefix.Message is null)
        {
            return Keep(new SplitResult(prefix.Outputs, SplitAnswer.Computed), key, null);
        }

        var signature = Similar is null ? null : SimilarityCache.Signature(TensorMessage.Read(prefix.Message));
        if (signature is not null && Similar!.TryGet(signature, out var like, out _))
        {
            return new SplitResult(like, SplitAnswer.SimilarityCache);
        }

        var left = lifetime - started.Elapsed;
        if (left <= TimeSpan.Zero)
        {
            throw new TimeoutException($"the prefix took the request's whole lifetime of {lifetime.TotalSeconds:0.###} s");
        }

        var reply = await _client.RequestAsync(prefix.Message, left, RetransmitAfter, cancel).ConfigureAwait(false);
        return Keep(new SplitResult([.. prefix.Outputs, .. TensorMessage.Read(reply)], SplitAnswer.Computed), key, signature);
    }

    private SplitResult Keep(SplitResult result, UInt128 key, float[]? signature)
    {
        Exact?.Add(key, result.Outputs);
        if (signature is not null)
        {
            Similar?.Add(signature, result.Outputs);
        }

        return result;
    }

    /// <inheritdoc />
    public void Dispose() => _owned?.Dispose();
}
