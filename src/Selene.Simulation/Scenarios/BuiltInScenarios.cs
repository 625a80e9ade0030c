using System.Reflection;
using Selene.Core.Errors;

namespace Selene.Simulation.Scenarios;

/// <summary>Scenarios shipped inside Selene; the same files stand under <c>examples/</c>.</summary>
public static class BuiltInScenarios
{
    /// <summary>The scenario <c>selene simulate</c> runs when given none.</summary>
    public const string Default = "earth-moon";

    /// <summary>Names of the built-in scenarios.</summary>
    public static IReadOnlyList<string> Names { get; } = [Default, "chaos"];

    /// <summary>The YAML text of a built-in scenario, exactly as in <c>examples/NAME.yaml</c>.</summary>
    public static string Text(string name) => ReadResource($"examples/{name}.yaml")
        ?? throw new InputException(InputDiagnostic.Error($"<built-in {name}>", 0, 0, "",
            $"no built-in scenario '{name}'; built-in scenarios are {string.Join(", ", Names)}"));

    /// <summary>Loads a built-in scenario with its manifests.</summary>
    public static Scenario Load(string name)
    {
        var text = Text(name);
        return ScenarioLoader.Parse(text, $"examples/{name}.yaml", relative =>
        {
            var resource = "examples/" + relative.Replace('\\', '/');
            return ReadResource(resource) is { } manifest ? (manifest, resource) : null;
        });
    }

    private static string? ReadResource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
