using Selene.Core.Errors;
using Selene.Core.Yaml;
using Selene.Simulation.Scenarios;
using YamlDotNet.RepresentationModel;

namespace Selene.Simulation.Sweeps;

/// <summary>
/// A sweep's base scenario as text: a built-in one (its manifests shipped with Selene) or a file (its manifests
/// beside it). Each run edits a fresh copy of its YAML tree.
/// </summary>
public sealed class SweepSource
{
    private readonly string _text;
    private readonly Func<string, string?> _manifest;

    private SweepSource(string label, string text, Func<string, string?> manifest)
    {
        Label = label;
        _text = text;
        _manifest = manifest;
    }

    /// <summary>How the source names itself in diagnostics.</summary>
    public string Label { get; }

    /// <summary>The scenario <paramref name="nameOrFile"/> names: a built-in name, or a file relative to <paramref name="sweepFile"/>'s folder.</summary>
    /// <exception cref="InputException">It names neither.</exception>
    public static SweepSource Resolve(string nameOrFile, string sweepFile)
    {
        ArgumentNullException.ThrowIfNull(nameOrFile);
        ArgumentNullException.ThrowIfNull(sweepFile);
        if (BuiltInScenarios.Names.Contains(nameOrFile))
        {
            return new SweepSource($"examples/{nameOrFile}.yaml", BuiltInScenarios.Text(nameOrFile), BuiltInScenarios.Manifest);
        }

        var path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(sweepFile)) ?? ".", nameOrFile);
        if (!File.Exists(path))
        {
            throw new InputException(InputDiagnostic.Error(sweepFile, 0, 0, "scenario",
                $"'{nameOrFile}' is no built-in scenario ({string.Join(", ", BuiltInScenarios.Names)}) and no file beside the sweep file"));
        }

        var folder = Path.GetDirectoryName(path) ?? ".";
        return new SweepSource(path, InputFile.ReadText(path, "scenario", "cannot read the scenario"),
            relative => File.Exists(Path.Combine(folder, relative)) ? File.ReadAllText(Path.Combine(folder, relative)) : null);
    }

    /// <summary>A fresh copy of the scenario's YAML tree.</summary>
    public YamlMappingNode Root() => (YamlMappingNode)YamlInput.Load(_text, Label).Documents[0].RootNode;

    /// <summary>The text of the manifest the scenario names as <paramref name="relative"/>, or null.</summary>
    public string? Manifest(string relative) => _manifest(relative);

    /// <summary>Loads an edited tree as the scenario it is, its manifests read as the source reads them.</summary>
    /// <exception cref="InputException">It does not load.</exception>
    public Scenario Load(YamlMappingNode root) =>
        ScenarioLoader.Parse(SweepYaml.Write(root), Label, relative => _manifest(relative) is { } text ? (text, relative) : null);
}
