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

    /// <summary>
    /// The one way every verb finds the scenario a user names: a file when one exists at that path, else a built-in
    /// scenario of that name, else an input error listing the built-in names; the default built-in one when null.
    /// </summary>
    /// <param name="fileOrName">What the user wrote, or null.</param>
    /// <param name="option">The option or argument that named it, for the diagnostic.</param>
    public static Scenario Resolve(string? fileOrName, string option)
    {
        if (fileOrName is null)
        {
            return Load(Default);
        }

        if (File.Exists(fileOrName) || Directory.Exists(fileOrName))
        {
            return ScenarioLoader.LoadFile(fileOrName, option);
        }

        return Names.Contains(fileOrName) ? Load(fileOrName)
            : throw new InputException(InputDiagnostic.Error(fileOrName, 0, 0, option,
                $"no such file, and no built-in scenario of that name (built-in: {string.Join(", ", Names)})"));
    }

    /// <summary>True when <paramref name="scenario"/> is one Selene ships, loaded by name.</summary>
    public static bool IsBuiltIn(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return Names.Any(name => scenario.Source == $"examples/{name}.yaml");
    }

    /// <summary>Loads a built-in scenario with its manifests.</summary>
    public static Scenario Load(string name) => Parse(Text(name), $"examples/{name}.yaml");

    /// <summary>
    /// Parses scenario text that names manifests as the built-in scenarios do (<c>manifests/lunar-gpu-01.yaml</c>):
    /// they are read from the manifests shipped with Selene, so the text needs no files beside it.
    /// </summary>
    public static Scenario Parse(string yaml, string file) => ScenarioLoader.Parse(yaml, file, relative =>
    {
        var resource = "examples/" + relative.Replace('\\', '/');
        return ReadResource(resource) is { } manifest ? (manifest, resource) : null;
    });

    /// <summary>The text of a manifest shipped with the built-in scenarios, named as they name it (<c>manifests/earth-ashburn.yaml</c>); null when there is none.</summary>
    public static string? Manifest(string relative)
    {
        ArgumentNullException.ThrowIfNull(relative);
        return ReadResource("examples/" + relative.Replace('\\', '/'));
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
