using System.Text.Json;

namespace Selene.Cli.Commands;

/// <summary>How verbs print JSON: indented camelCase with LF line ends, as metrics.json is written.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, NewLine = "\n" };
}
