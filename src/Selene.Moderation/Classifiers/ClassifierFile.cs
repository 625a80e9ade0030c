using System.Text.Json;

namespace Selene.Moderation.Classifiers;

/// <summary>Reads a classifier's JSON file (web naming: camelCase, case-insensitive), naming the file when it is not one.</summary>
internal static class ClassifierFile
{
    public static T? Read<T>(string path, string what)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), JsonSerializerOptions.Web);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a {what}: {e.Message}", e);
        }
    }
}
