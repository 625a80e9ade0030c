using Selene.Cluster.Scheduling;

namespace Selene.Server;

/// <summary>How the service starts: where it listens and the cluster it serves.</summary>
public sealed record SeleneServerOptions
{
    /// <summary>Addresses to listen on (Kestrel URLs, <c>;</c>-separated). Port 0 picks a free port.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:8888";

    /// <summary>The cluster the extender answers for (its node cache and pods).</summary>
    public ClusterScheduler Cluster { get; init; } = new();

    /// <summary>The SQLite file of the webhook outbox; null runs without webhooks.</summary>
    public string? WebhookDatabase { get; init; }

    /// <summary>The Standard Webhooks secret inbound detections are signed with; null refuses them.</summary>
    public string? InboundSecret { get; init; }

    /// <summary>
    /// Whether webhook subscribers may be on this machine, link-local addresses or cloud metadata (default false: such
    /// subscriptions are refused and such connections never made).
    /// </summary>
    public bool AllowPrivateWebhookTargets { get; init; }

    /// <summary>The clock of the service (the wall clock unless a test gives another).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The moderation audit log (SQLite); null runs without the moderation and review endpoints.</summary>
    public string? ModerationAuditDatabase { get; init; }

    /// <summary>Known hashes for moderation (a bank file as <c>selene moderate --bank</c> reads); null starts with none.</summary>
    public string? ModerationBank { get; init; }

    /// <summary>Folder inputs that are not images are put aside in.</summary>
    public string ModerationQuarantine { get; init; } = "quarantine";

    /// <summary>Bearer tokens and their roles; null accepts none (every endpoint but health answers 401).</summary>
    public Security.TokenStore? Tokens { get; init; }

    /// <summary>Inbound webhook requests accepted per second (more get 429).</summary>
    public int IngressPerSecond { get; init; } = 100;

    /// <summary>Largest request body accepted, in bytes (larger bodies get 413).</summary>
    public long MaxRequestBodyBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>A scenario to run as a live twin against the wall clock; null runs none.</summary>
    public Selene.Simulation.Scenarios.Scenario? Twin { get; init; }

    /// <summary>Simulated seconds of the twin per wall-clock second.</summary>
    public double TwinSpeed { get; init; } = 1;

    /// <summary>
    /// Where the service logs (a console, a file, a test's capture); null logs nothing. Each request is logged with its
    /// method, path, status, caller and time; tokens never are.
    /// </summary>
    public Action<Microsoft.Extensions.Logging.ILoggingBuilder>? Logging { get; init; }
}
