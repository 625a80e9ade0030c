using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Selene.Cluster.Scheduling.Extender;

namespace Selene.Server.Extender;

/// <summary>
/// The extender verbs kube-scheduler posts to (<c>urlPrefix</c> + <c>/filter</c>, <c>/prioritize</c>,
/// <c>/bind</c>), with the protocol's JSON shapes; an unreadable body gets a 400 problem-details reply naming
/// the field, an oversized one 413.
/// </summary>
public static class ExtenderEndpoints
{
    /// <summary>The path prefix of the verbs.</summary>
    public const string Prefix = "/scheduler";

    /// <summary>Maps the verbs; their outcomes are counted in <paramref name="metrics"/>.</summary>
    public static void Map(IEndpointRouteBuilder routes, ServiceMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(metrics);
        routes.MapPost($"{Prefix}/filter", (HttpContext context, ExtenderService service) => Handle(context, body =>
        {
            var result = service.Filter(ExtenderJson.ReadArgs(body));
            metrics.Filtered(result);
            return ExtenderJson.Write(result);
        }));
        routes.MapPost($"{Prefix}/prioritize", (HttpContext context, ExtenderService service) =>
            Handle(context, body => ExtenderJson.Write(service.Prioritize(ExtenderJson.ReadArgs(body)))));
        routes.MapPost($"{Prefix}/bind", (HttpContext context, ExtenderService service) => Handle(context, body =>
        {
            var result = service.Bind(ExtenderJson.ReadBindingArgs(body));
            metrics.Bound(result);
            return ExtenderJson.Write(result);
        }));
    }

    private static async Task<IResult> Handle(HttpContext context, Func<string, string> answer)
    {
        string body;
        try
        {
            using var reader = new StreamReader(context.Request.Body);
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large",
                detail: $"the body is larger than the {limit} bytes this service accepts");
        }

        try
        {
            return Results.Text(answer(body), "application/json");
        }
        catch (ExtenderRequestException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad extender request", detail: e.Message,
                extensions: new Dictionary<string, object?> { ["field"] = e.Field });
        }
    }
}
