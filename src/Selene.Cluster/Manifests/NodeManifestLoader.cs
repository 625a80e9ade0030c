using Selene.Core.Errors;

namespace Selene.Cluster.Manifests;

/// <summary>
/// Reads the Node objects of a manifest with <see cref="ManifestLoader"/>: other kinds are ignored with a
/// warning, and any error fails the whole file, since a scenario cannot run with a node missing.
/// </summary>
public static class NodeManifestLoader
{
    /// <summary>Loads every Node in <paramref name="yaml"/>.</summary>
    /// <param name="yaml">The manifest text; several documents separated by <c>---</c> are allowed.</param>
    /// <param name="file">The file name used in diagnostics.</param>
    /// <param name="warnings">Receives warnings (the <c>spec.resources</c> quirk, ignored kinds).</param>
    /// <exception cref="InputException">The text is not valid YAML, or a Node in it is not valid.</exception>
    public static IReadOnlyList<ClusterNode> Load(string yaml, string file, ICollection<InputDiagnostic> warnings)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        var set = new ManifestSet();
        ManifestLoader.Load(yaml, file, set);
        foreach (var ignored in set.Pods.Select(p => p.Document).Concat(set.Namespaces.Select(n => n.Document))
            .Concat(set.PriorityClasses.Select(p => p.Document)).Concat(set.ResourceQuotas.Select(q => q.Document))
            .Concat(set.SchedulerConfigurations))
        {
            set.Diagnostics.Add(InputDiagnostic.Warning(file, ignored.Line, 1, "kind", $"{ignored.Scalar("kind")} ignored: only Node objects describe capacity"));
        }

        var errors = set.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InputException(errors);
        }

        foreach (var warning in set.Diagnostics.OrderBy(d => d.Line))
        {
            warnings.Add(warning);
        }

        return set.Nodes;
    }
}
