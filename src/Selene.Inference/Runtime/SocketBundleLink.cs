using System.Net.Sockets;

namespace Selene.Inference.Runtime;

/// <summary>
/// Bundles between two processes over a TCP connection on loopback, with the link emulated on the sending side:
/// each bundle is written once the emulator says it arrives, or never when it says it is lost, so the bundle layer
/// above sees the delay, the bandwidth and the losses of the link it stands for.
/// </summary>
public sealed class SocketBundleLink : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly LinkEmulator _emulator;
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;

    /// <summary>Joins <paramref name="socket"/> (connected); arriving bundles go to <paramref name="receive"/>.</summary>
    public SocketBundleLink(Socket socket, LinkEmulator emulator, Action<Bundle> receive)
    {
        ArgumentNullException.ThrowIfNull(socket);
        _socket = socket;
        _socket.NoDelay = true;
        _stream = new NetworkStream(socket, ownsSocket: false);
        _emulator = emulator;
        _reading = Task.Run(() => ReadAsync(receive, _stop.Token));
    }

    /// <summary>Ends when the other side closes the connection.</summary>
    public Task Completion => _reading;

    /// <summary>Sends <paramref name="bundle"/> across the emulated link.</summary>
    public void Send(Bundle bundle) => _emulator.Send(bundle, arrived => _ = WriteAsync(arrived));

    private int _disposed;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Shutdown(SocketShutdown.Both);
        try
        {
            await _reading.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
        {
            // Closing ends the read loop one way or another.
        }

        await _stream.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
        _writing.Dispose();
        _stop.Dispose();
    }

    private async Task WriteAsync(Bundle bundle)
    {
        await _writing.WaitAsync().ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(bundle.ToFrame()).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
            // The other side has gone: the bundle is lost like any other, and the sender's retransmission or lifetime deals with it.
        }
        finally
        {
            _writing.Release();
        }
    }

    private async Task ReadAsync(Action<Bundle> receive, CancellationToken stop)
    {
        var header = new byte[Bundle.HeaderBytes];
        while (!stop.IsCancellationRequested)
        {
            if (!await Fill(header, stop).ConfigureAwait(false))
            {
                return;
            }

            var (id, isReply, failed, created, lifetime, length) = Bundle.ReadHeader(header);
            var payload = new byte[length];
            if (!await Fill(payload, stop).ConfigureAwait(false))
            {
                return;
            }

            // Handled on a pool thread, so the connection keeps being read (retransmitted copies, other requests).
            var bundle = new Bundle(id, isReply, created, lifetime, payload, failed);
            ThreadPool.QueueUserWorkItem(static state => state.receive(state.bundle), (receive, bundle), preferLocal: false);
        }
    }

    private async Task<bool> Fill(byte[] buffer, CancellationToken stop)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await _stream.ReadAsync(buffer.AsMemory(read), stop).ConfigureAwait(false);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }
}
