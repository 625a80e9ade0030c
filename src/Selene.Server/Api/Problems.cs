using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Selene.Server.Api;

/// <summary>Problem-details replies that name the field at fault, and reading a JSON object body into one.</summary>
internal static class Problems
{
    /// <summary>A problem-details reply with <paramref name="status"/>, naming <paramref name="field"/> (empty for the whole body).</summary>
    public static IResult Of(int status, string field, string detail) =>
        Results.Problem(statusCode: status, detail: detail, extensions: new Dictionary<string, object?> { ["field"] = field });

    /// <summary>The request body as a JSON object, or the 400 reply saying why it is not one.</summary>
    public static async Task<(JsonDocument? Body, IResult? Problem)> ReadObject(HttpContext context)
    {
        try
        {
            var json = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                return (json, null);
            }

            json.Dispose();
            return (null, Of(400, "", "the body must be a JSON object"));
        }
        catch (JsonException e)
        {
            return (null, Of(400, "", $"the body is not valid JSON: {e.Message}"));
        }
    }

    /// <summary>A string field of a JSON object, or null when it is absent or not a string.</summary>
    public static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
