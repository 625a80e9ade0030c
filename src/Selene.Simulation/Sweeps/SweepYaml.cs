using YamlDotNet.RepresentationModel;

namespace Selene.Simulation.Sweeps;

/// <summary>Writes a YAML tree back as text, the same bytes for the same tree.</summary>
internal static class SweepYaml
{
    public static string Write(YamlMappingNode root)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        return writer.ToString();
    }
}
