using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Selene.Cluster.Manifests;
using Selene.Cluster.Scheduling;
using Selene.Core.Errors;
using Selene.Server;
using Selene.Simulation.Scenarios;
using Selene.Simulation.Scheduling;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Selene.Cli.Commands;

/// <summary>
/// <c>selene serve [--urls U] [-f PATH...] [--scenario F] [--speed X] [--tokens F] …</c>: the Selene service until
/// interrupted — the REST API (<c>/api/…</c>, described at <c>/openapi/v1.json</c>), the kube-scheduler extender
/// (<c>/scheduler/…</c>), the durable webhooks (<c>/webhooks/…</c>), moderation and review, the live twin and its
/// dashboard (<c>/dashboard/</c>), Prometheus metrics (<c>/metrics</c>) and health endpoints.
/// </summary>
internal sealed class ServeCommand(CliConsoles consoles) : AsyncCommand<ServeSettings>
{
    /// <summary>The environment variable tokens are read from when <c>--tokens</c> is not given.</summary>
    public const string TokensVariable = "SELENE_TOKENS";

    public override async Task<int> ExecuteAsync(CommandContext context, ServeSettings settings, CancellationToken cancellationToken)
    {
        var cluster = new ClusterScheduler(environment: new EphemerisNodeEnvironment(TimeProvider.System.GetUtcNow().UtcDateTime));
        if (settings.Paths.Length > 0)
        {
            var set = ManifestLoader.LoadPaths(settings.Paths);
            foreach (var diagnostic in set.Diagnostics)
            {
                consoles.Errors.MarkupLineInterpolated($"[{(diagnostic.Severity == DiagnosticSeverity.Error ? "red" : "yellow")}]{diagnostic}[/]");
            }

            if (set.HasErrors)
            {
                return SeleneApp.BadInput;
            }

            cluster.Load(set);
        }

        var twin = settings.Scenario is null ? null : BuiltInScenarios.Resolve(settings.Scenario, "--scenario");
        if (twin is not null)
        {
            Selene.Simulation.Limits.BoundedRun.CheckArrivals(twin, Selene.Simulation.Limits.WorkLimits.Default, "the default limit of selene simulate --max-requests");
        }

        foreach (var warning in twin?.Warnings ?? [])
        {
            consoles.Errors.MarkupLineInterpolated($"[yellow]{warning}[/]");
        }

        // Tokens from --tokens, else from the environment (a Kubernetes Secret, say), never from the command line itself.
        var tokens = settings.Tokens is { } tokenFile ? Selene.Server.Security.TokenStore.Load(tokenFile)
            : Environment.GetEnvironmentVariable(TokensVariable) is { Length: > 0 } configured ? Selene.Server.Security.TokenStore.FromConfiguration(configured, TokensVariable)
            : null;
        var secret = settings.InboundSecretFile is { } file ? InboundSecret(file) : null;
        foreach (var (database, option) in new[] { (settings.WebhookDatabase, "--webhook-db"), (settings.ModerationDatabase, "--moderation-db") })
        {
            if (database is not null)
            {
                OutputPath.CheckDatabase(database, option);
            }
        }

        await using var app = SeleneServer.Create(new SeleneServerOptions
        {
            Urls = settings.Urls,
            Cluster = cluster,
            WebhookDatabase = settings.WebhookDatabase,
            AllowPrivateWebhookTargets = settings.AllowPrivateWebhooks,
            InboundSecret = secret,
            ModerationAuditDatabase = settings.ModerationDatabase,
            Tokens = tokens,
            ModerationBank = settings.Bank,
            Twin = twin,
            TwinSpeed = settings.Speed,
            Logging = logging => logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                console.UseUtcTimestamp = true;
            }).AddConsole(console => console.LogToStandardErrorThreshold = Microsoft.Extensions.Logging.LogLevel.Trace),
        });
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            throw new InputException(InputDiagnostic.Error(settings.Urls, 0, 0, "--urls", $"cannot listen there: {e.Message}"));
        }

        if (tokens is null)
        {
            consoles.Errors.MarkupLine($"selene serve: no --tokens given and {TokensVariable} is not set, so every endpoint but /healthz and /readyz answers 401");
        }

        foreach (var url in app.Urls)
        {
            consoles.Errors.MarkupLineInterpolated($"selene serve: listening on {url} ({cluster.Snapshot.Nodes.Count} nodes); extender verbs under {url}/scheduler");
        }

        if (twin is not null)
        {
            consoles.Errors.MarkupLineInterpolated($"selene serve: live twin of {twin.Name} at ×{settings.Speed:G4}; dashboard at {app.Urls.First()}/dashboard/?token=YOUR_TOKEN");
        }

        await app.WaitForShutdownAsync(cancellationToken);
        return SeleneApp.Success;
    }

    private static string InboundSecret(string file)
    {
        var secret = InputFile.ReadText(file, "--inbound-secret-file", "cannot read the inbound secret").Trim();
        return secret.Length > 0 ? secret
            : throw new InputException(InputDiagnostic.Error(file, 1, 1, "--inbound-secret-file", "the secret is empty; the file must hold the shared signing secret"));
    }
}
