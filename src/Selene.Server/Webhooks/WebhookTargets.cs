using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Selene.Server.Webhooks;

/// <summary>
/// Where webhooks may be delivered. A subscription is a request to make the service send HTTP to an address of the
/// subscriber's choosing, so by default it may not name this machine (loopback, or any address of its own network
/// interfaces), link-local addresses (169.254.0.0/16 and fe80::/10, where cloud metadata services answer), or
/// unspecified, multicast and broadcast addresses; an operator who runs receivers beside the service allows them
/// with <c>--allow-private-webhooks</c>. The same rule is applied when a subscription is made (the host resolved then)
/// and at every connection a delivery makes, so a name that resolves elsewhere later gains nothing.
/// </summary>
public sealed class WebhookTargets(bool allowPrivate)
{
    /// <summary>Why deliveries to <paramref name="url"/> are refused, or null when they are allowed.</summary>
    public async Task<string?> RefuseAsync(Uri url, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (allowPrivate)
        {
            return null;
        }

        IPAddress[] addresses;
        try
        {
            addresses = await Resolve(url.IdnHost, cancel).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            return $"cannot resolve {url.Host}: {e.Message}";
        }

        var own = Own();
        return addresses.FirstOrDefault(a => Forbidden(a, own)) is { } forbidden ? Explain(url.Host, forbidden) : null;
    }

    /// <summary>
    /// A handler whose every connection goes only to allowed addresses (checked after resolution, connection by
    /// connection), for the dispatcher's deliveries.
    /// </summary>
    public SocketsHttpHandler Handler(int maxConnectionsPerServer) => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        MaxConnectionsPerServer = maxConnectionsPerServer,
        AllowAutoRedirect = false,
        ConnectCallback = async (context, cancel) =>
        {
            var addresses = await Resolve(context.DnsEndPoint.Host, cancel).ConfigureAwait(false);
            var own = allowPrivate ? [] : Own();
            var allowed = allowPrivate ? addresses : addresses.Where(a => !Forbidden(a, own)).ToArray();
            if (allowed.Length == 0)
            {
                throw new HttpRequestException(addresses.Length == 0 ? $"{context.DnsEndPoint.Host} has no address" : Explain(context.DnsEndPoint.Host, addresses[0]));
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancel).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>True for an address no webhook may reach unless private targets are allowed.</summary>
    public static bool Forbidden(IPAddress address) => Forbidden(address, Own());

    // The rule, against this machine's addresses read once for every address a name resolves to.
    private static bool Forbidden(IPAddress address, HashSet<IPAddress> own)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast)
            || address.IsIPv6LinkLocal || address.IsIPv6Multicast || address.IsIPv6SiteLocal)
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var bytes = address.GetAddressBytes();
            if ((bytes[0] == 169 && bytes[1] == 254) || bytes[0] == 0 || bytes[0] >= 224)
            {
                return true;
            }
        }

        return own.Contains(address);
    }

    private static async Task<IPAddress[]> Resolve(string host, CancellationToken cancel) =>
        IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancel).ConfigureAwait(false);

    private static HashSet<IPAddress> Own()
    {
        try
        {
            return [.. NetworkInterface.GetAllNetworkInterfaces().SelectMany(n => n.GetIPProperties().UnicastAddresses).Select(u => u.Address)];
        }
        catch (NetworkInformationException)
        {
            return [];
        }
    }

    private static string Explain(string host, IPAddress address) =>
        $"{host} is {address}, an address webhooks may not reach (this machine, link-local or cloud metadata, or not a single host); an operator allows private targets with --allow-private-webhooks";
}
