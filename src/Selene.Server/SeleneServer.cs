using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Selene.Cluster.Scheduling.Extender;
using Selene.Server.Extender;

namespace Selene.Server;

/// <summary>Builds the Selene web application: health endpoints and the kube-scheduler extender.</summary>
public static class SeleneServer
{
    /// <summary>Creates the application, not yet started.</summary>
    public static WebApplication Create(SeleneServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);
        builder.Logging.ClearProviders();
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(new ExtenderService(options.Cluster));
        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", () => Results.Text("ok"));
        ExtenderEndpoints.Map(app);
        return app;
    }
}
