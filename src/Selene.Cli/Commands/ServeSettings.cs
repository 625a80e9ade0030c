using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Selene.Cli.Commands;

/// <summary>Arguments of <c>selene serve</c>.</summary>
internal sealed class ServeSettings : CommandSettings
{
    [CommandOption("--urls <URLS>")]
    [Description("Addresses to listen on, ;-separated. Default: http://127.0.0.1:8888.")]
    public string Urls { get; init; } = "http://127.0.0.1:8888";

    [CommandOption("-f|--filename <PATH>")]
    [Description("Manifests (files or folders) of the cluster the extender answers for: its node cache and pods.")]
    public string[] Paths { get; init; } = [];

    [CommandOption("--webhook-db <FILE>")]
    [Description("SQLite file of the webhook outbox (created when missing): subscriptions, events and deliveries survive restarts.")]
    public string? WebhookDatabase { get; init; }

    [CommandOption("--allow-private-webhooks")]
    [Description("Let webhook subscribers be on this machine, on link-local addresses or at cloud metadata (refused by default).")]
    public bool AllowPrivateWebhooks { get; init; }

    [CommandOption("--tokens <FILE>")]
    [Description("Bearer tokens, one per line: ROLE NAME TOKEN (viewer, operator, reviewer or admin; each token at least 16 characters, listed once). Without it the tokens come from the SELENE_TOKENS environment variable (entries separated by ;); with neither, every endpoint but health answers 401.")]
    public string? Tokens { get; init; }

    [CommandOption("--moderation-db <FILE>")]
    [Description("Audit log (SQLite) of moderation decisions; with it the service moderates uploads (POST /moderation/items) and serves the review backlog (/review).")]
    public string? ModerationDatabase { get; init; }

    [CommandOption("--bank <FILE>")]
    [Description("Known hashes for moderation, one per line (as selene moderate --bank reads).")]
    public string? Bank { get; init; }

    [CommandOption("--inbound-secret-file <FILE>")]
    [Description("File holding the Standard Webhooks secret (whsec_…) inbound detections must be signed with.")]
    public string? InboundSecretFile { get; init; }

    [CommandOption("--scenario <SCENARIO>")]
    [Description("Runs a live twin of this scenario (a YAML file or a built-in name) against the wall clock, streamed at /api/twin/stream and shown on /dashboard/; its nodes join the cluster.")]
    public string? Scenario { get; init; }

    [CommandOption("--speed <X>")]
    [Description("Simulated seconds of the live twin per wall-clock second. Default: 1 (real time).")]
    public double Speed { get; init; } = 1;

    public override ValidationResult Validate() =>
        !(Speed > 0 && double.IsFinite(Speed))
            ? ValidationResult.Error("--speed: expected a positive number of simulated seconds per second, such as 60")
            : InboundSecretFile is not null && WebhookDatabase is null
            ? ValidationResult.Error("--inbound-secret-file: inbound detections are stored in the outbox; give --webhook-db too")
            : InboundSecretFile is not null && !File.Exists(InboundSecretFile)
            ? ValidationResult.Error($"--inbound-secret-file: no such file {InboundSecretFile}")
            :
        Urls.Split(';', StringSplitOptions.RemoveEmptyEntries).All(u => Uri.TryCreate(u.Replace("*", "localhost", StringComparison.Ordinal).Replace("+", "localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            ? ValidationResult.Success()
            : ValidationResult.Error("--urls: expected http:// or https:// addresses such as http://0.0.0.0:8888");
}
