using System.Text.Json;

namespace Selene.Simulation.Metrics;

/// <summary>Writes <see cref="MetricsDocument"/> as <c>metrics.json</c>: camelCase, indented, UTF-8, LF line ends.</summary>
public static class MetricsJson
{
    private static readonly JsonSerializerOptions s_options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        NewLine = "\n",
    };

    /// <summary>The document as JSON text.</summary>
    public static string Serialize(MetricsDocument document) => JsonSerializer.Serialize(document, s_options) + "\n";

    /// <summary>Reads a document back.</summary>
    public static MetricsDocument? Deserialize(string json) => JsonSerializer.Deserialize<MetricsDocument>(json, s_options);
}
