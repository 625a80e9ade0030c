using Microsoft.Extensions.Hosting;
using Selene.Cluster.Manifests;
using Selene.Cluster.Scheduling;
using Selene.Core.Errors;
using Selene.Server;
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

        var twin = settings.Scenario is null ? null : SimulateCommand.Load(settings.Scenario);
        foreach (var warning in twin?.Warnings ?? [])
        {
            consoles.Errors.MarkupLineInterpolated($"[yellow]{warning}[/]");
        }

        var secret = settings.InboundSecretFile is { } file ? (await File.ReadAllTextAsync(file, cancellationToken)).Trim() : null;
        await using var app = SeleneServer.Create(new SeleneServerOptions
        {
            Urls = settings.Urls,
            Cluster = cluster,
            WebhookDatabase = settings.WebhookDatabase,
            InboundSecret = secret,
            ModerationAuditDatabase = settings.ModerationDatabase,
            Tokens = settings.Tokens is null ? null : Selene.Server.Security.TokenStore.Load(settings.Tokens),
            ModerationBank = settings.Bank,
            Twin = twin,
            TwinSpeed = settings.Speed,
        });
        await app.StartAsync(cancellationToken);
        if (settings.Tokens is null)
        {
            consoles.Errors.MarkupLine("selene serve: no --tokens given, so every endpoint but /healthz and /readyz answers 401");
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
}
