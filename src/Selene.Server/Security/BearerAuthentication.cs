using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Selene.Server.Security;

/// <summary>
/// Authenticates <c>Authorization: Bearer TOKEN</c> against the <see cref="TokenStore"/>: the token's name and role
/// become the user's. A browser on the dashboard carries the token in the <see cref="Cookie"/> cookie instead
/// (HttpOnly, SameSite=Strict); a change made with it must also carry the <see cref="DashboardHeader"/> header,
/// which a page on another site cannot send, so a forged form post is refused.
/// </summary>
internal sealed class BearerAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TokenStore tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Name = "Bearer";

    /// <summary>The cookie the dashboard's token travels in.</summary>
    public const string Cookie = "selene_token";

    /// <summary>The header a change made with the dashboard's cookie must carry.</summary>
    public const string DashboardHeader = "X-Selene-Dashboard";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        string token;
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            token = header["Bearer ".Length..].Trim();
        }
        else if (Request.Cookies[Cookie] is { Length: > 0 } cookie)
        {
            if (!Microsoft.AspNetCore.Http.HttpMethods.IsGet(Request.Method) && !Microsoft.AspNetCore.Http.HttpMethods.IsHead(Request.Method)
                && Request.Headers[DashboardHeader] != "1")
            {
                return Task.FromResult(AuthenticateResult.Fail($"a change made with the dashboard's cookie must carry the {DashboardHeader} header"));
            }

            token = cookie;
        }
        else
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!tokens.TryFind(token, out var name, out var role))
        {
            return Task.FromResult(AuthenticateResult.Fail("unknown token"));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role.ToString())], Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return base.HandleChallengeAsync(properties);
    }
}
