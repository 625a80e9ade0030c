using Selene.Cluster.Scheduling;

namespace Selene.Server;

/// <summary>How the service starts: where it listens and the cluster it serves.</summary>
public sealed class SeleneServerOptions
{
    /// <summary>Addresses to listen on (Kestrel URLs, <c>;</c>-separated). Port 0 picks a free port.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:8888";

    /// <summary>The cluster the extender answers for (its node cache and pods).</summary>
    public ClusterScheduler Cluster { get; init; } = new();

    /// <summary>Largest request body accepted, in bytes (larger bodies get 413).</summary>
    public long MaxRequestBodyBytes { get; init; } = 8 * 1024 * 1024;
}
