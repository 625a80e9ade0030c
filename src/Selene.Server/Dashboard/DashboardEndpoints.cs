using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Selene.Server.Api;
using Selene.Server.Security;

namespace Selene.Server.Dashboard;

/// <summary>
/// The browser dashboard, served from the service's own files (no CDN): <c>/dashboard/?token=TOKEN</c> signs a browser
/// in — the token moves into an HttpOnly, SameSite=Strict cookie and the address loses it — and the page then reads
/// the twin's stream and the API like any client. Its files need a token like every endpoint but health, and go out
/// with a content security policy that allows nothing from elsewhere.
/// </summary>
public static class DashboardEndpoints
{
    /// <summary>Where the dashboard is served.</summary>
    public const string Path = "/dashboard";

    private static readonly Dictionary<string, string> s_types = new(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    };

    /// <summary>
    /// Middleware ahead of authentication: a dashboard address with a known <c>token</c> sets the cookie and sends the
    /// browser to the same address without it. An unknown token is dropped and the request goes on to be refused.
    /// </summary>
    public static Func<HttpContext, Func<Task>, Task> SignIn(TokenStore tokens) => async (context, next) =>
    {
        if (context.Request.Path.StartsWithSegments(Path) && context.Request.Query.TryGetValue("token", out var token)
            && tokens.TryFind(token.ToString(), out _, out _))
        {
            context.Response.Cookies.Append(BearerAuthentication.Cookie, token.ToString(), new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = context.Request.IsHttps,
                Path = "/",
            });
            context.Response.Redirect(context.Request.PathBase + context.Request.Path);
            return;
        }

        await next();
    };

    /// <summary>Maps the dashboard's files and <c>/api/whoami</c> (the caller's name and role) on <paramref name="read"/>.</summary>
    public static void Map(IEndpointRouteBuilder read)
    {
        ArgumentNullException.ThrowIfNull(read);
        read.MapGet("/api/whoami", (ClaimsPrincipal user) => Results.Json(new { name = user.Identity?.Name, role = user.FindFirstValue(ClaimTypes.Role) }));
        read.MapGet(Path + "/{*file}", (string? file, HttpContext context) =>
        {
            if (string.IsNullOrEmpty(file) && !context.Request.Path.Value!.EndsWith('/'))
            {
                // The page's files are named relative to the folder.
                return Results.Redirect(context.Request.PathBase + Path + "/");
            }

            var name = string.IsNullOrEmpty(file) ? "index.html" : file;
            var extension = System.IO.Path.GetExtension(name);
            if (!s_types.TryGetValue(extension, out var type) || Asset(name) is not { } content)
            {
                return Problems.Of(404, "file", $"the dashboard has no file '{name}'");
            }

            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers.CacheControl = "no-cache";
            return Results.Bytes(content, type);
        }).ExcludeFromDescription();
    }

    private static byte[]? Asset(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("dashboard/" + name);
        if (stream is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
