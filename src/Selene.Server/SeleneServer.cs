using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Selene.Cluster.Scheduling.Extender;
using Selene.Server.Api;
using Selene.Server.Dashboard;
using Selene.Server.Extender;
using Selene.Server.Faults;
using Selene.Server.Twin;
using Selene.Server.Security;
using Selene.Server.Webhooks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Prometheus;

namespace Selene.Server;

/// <summary>
/// Builds the Selene web application: health, the kube-scheduler extender, with an outbox the webhooks, and with a
/// moderation audit log the moderation and review endpoints.
/// </summary>
public static class SeleneServer
{
    /// <summary>The rate limit webhook ingress is held to.</summary>
    public const string IngressLimit = "ingress";

    /// <summary>Creates the application, not yet started.</summary>
    public static WebApplication Create(SeleneServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);
        // Requests are logged by the service itself (without query strings); the framework's own request lines carry
        // the whole address, where a dashboard token may travel, so only its warnings get through.
        builder.Logging.ClearProviders();
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("System", LogLevel.Warning);
        options.Logging?.Invoke(builder.Logging);
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi(ApiDescription.Describe);
        // A power or link figure may be unbounded (a node that never frees a GPU): written as "Infinity", not refused.
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals);
        // Every endpoint but health needs a bearer token; what it may do follows its role (Security/Access).
        var tokens = options.Tokens ?? TokenStore.Of([]);
        builder.Services.AddSingleton(tokens);
        builder.Services.AddAuthentication(BearerAuthentication.Name).AddScheme<AuthenticationSchemeOptions, BearerAuthentication>(BearerAuthentication.Name, null);
        builder.Services.AddAuthorization(authorization =>
        {
            foreach (var (policy, roles) in Access.Roles)
            {
                authorization.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles.Select(r => r.ToString())));
            }

            authorization.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        });
        builder.Services.AddRateLimiter(limits =>
        {
            limits.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limits.AddFixedWindowLimiter(IngressLimit, window =>
            {
                window.PermitLimit = options.IngressPerSecond;
                window.Window = TimeSpan.FromSeconds(1);
                window.QueueLimit = 0;
            });
        });
        var feed = new FaultFeed();
        builder.Services.AddSingleton(feed);
        // The twin's nodes at time zero join the cluster the extender and the API serve.
        foreach (var node in options.Twin?.Nodes ?? [])
        {
            options.Cluster.SetNode(node.Node.Node);
        }

        builder.Services.AddSingleton(new ExtenderService(options.Cluster));
        var targets = new WebhookTargets(options.AllowPrivateWebhookTargets);
        WebhookOutbox? outbox = null;
        WebhookDispatcher? dispatcher = null;
        if (options.WebhookDatabase is { } database)
        {
            outbox = new WebhookOutbox(database);
            dispatcher = new WebhookDispatcher(outbox, options.Time, targets.Handler(WebhookDispatcher.Concurrency));
            builder.Services.AddSingleton(outbox);
            builder.Services.AddSingleton(dispatcher);
            builder.Services.AddHostedService(_ => dispatcher);
        }

        LiveTwin? twin = null;
        if (options.Twin is { } scenario)
        {
            twin = new LiveTwin(scenario, options.TwinSpeed, options.Time, feed,
                dispatcher is null ? null : events => dispatcher.Publish(events));
            builder.Services.AddSingleton(twin);
            builder.Services.AddHostedService(_ => twin);
        }

        Selene.Moderation.Audit.AuditLog? audit = null;
        Selene.Moderation.Review.ReviewBacklog? backlog = null;
        Selene.Moderation.Filtering.Moderator? moderator = null;
        if (options.ModerationAuditDatabase is { } auditDatabase)
        {
            audit = Selene.Moderation.Audit.AuditLog.Open(auditDatabase, options.Time);
            var bank = options.ModerationBank is { } bankFile ? Selene.Moderation.Pdq.PdqBank.Load(bankFile) : Selene.Moderation.Pdq.PdqBank.Of([]);
            backlog = Selene.Moderation.Review.ReviewBacklog.Open(auditDatabase, audit, bank, options.Time);
            moderator = new Selene.Moderation.Filtering.Moderator(bank, Selene.Moderation.Policy.ModerationPolicy.Default, audit, options.ModerationQuarantine, backlog);
        }

        var metrics = new ServiceMetrics(options.Cluster, outbox, backlog, twin, feed);
        builder.Services.AddSingleton(metrics);
        var app = builder.Build();
        if (outbox is not null)
        {
            app.Lifetime.ApplicationStopped.Register(outbox.Dispose);
        }

        if (audit is not null)
        {
            app.Lifetime.ApplicationStopped.Register(audit.Dispose);
            app.Lifetime.ApplicationStopped.Register(backlog!.Dispose);
        }

        // A request Kestrel refuses while an endpoint reads it (a body over the limit, a cut-off body) is the client's
        // mistake: its own status (413, 400) as a problem, never a 500.
        app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError });
        app.UseStatusCodePages();
        app.Use(metrics.CountAndLog(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Selene.Requests")));
        app.Use(DashboardEndpoints.SignIn(tokens));
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapGet("/healthz", () => Results.Text("ok")).AllowAnonymous();
        app.MapGet("/readyz", () => Results.Text("ok")).AllowAnonymous();
        var read = app.MapGroup("").RequireAuthorization(Access.Read);
        var operate = app.MapGroup("").RequireAuthorization(Access.Operate);
        var review = app.MapGroup("").RequireAuthorization(Access.Review);
        read.MapMetrics("/metrics", metrics.Registry);
        read.MapOpenApi();
        DashboardEndpoints.Map(read);
        ExtenderEndpoints.Map(operate, metrics);
        ClusterEndpoints.Map(read, operate);
        TwinEndpoints.Map(read, operate, twin);
        FaultEndpoints.Map(read, operate, feed, options.Time, dispatcher is null ? null : report => dispatcher.Publish([Operator(report)]),
            options.Twin?.Nodes.ToDictionary(n => n.Node.Name, n => n.Site, StringComparer.Ordinal));
        if (outbox is not null)
        {
            WebhookEndpoints.Map(read, operate, outbox, dispatcher!, targets, options.InboundSecret, options.Time);
        }

        if (audit is not null)
        {
            Moderation.ModerationEndpoints.Map(read, operate, review, moderator!, backlog!, audit, metrics);
        }

        return app;
    }

    private static CloudNative.CloudEvents.CloudEvent Operator(FaultReport report) => new()
    {
        Id = $"operator-{Guid.NewGuid():N}",
        Source = new Uri("urn:selene:operators"),
        Type = Selene.Simulation.Faults.CosmicEvent.CloudEventTypePrefix + report.Type,
        Time = report.Time,
        Subject = report.Node,
        DataContentType = "application/json",
        Data = new { node = report.Node, severity = report.Severity, source = report.Source },
    };
}
