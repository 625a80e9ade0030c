using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Selene.Core.Errors;
using Selene.Core.Time;
using YamlDotNet.RepresentationModel;

namespace Selene.Simulation.Sweeps;

/// <summary>
/// A sweep expanded into runs in a fixed order: variants (every combination of the varied values, the first parameter
/// slowest, or the i-th values together for zip) each run with every seed, seeds innermost. Each run's scenario is
/// resolved to self-contained text (its manifests copied beside it) and keyed by a hash of that text, its manifests,
/// the seed and Selene's version, so a rerun finds its results and a changed scenario or version does not.
/// </summary>
public sealed class SweepPlan
{
    private SweepPlan(SweepSpec spec, IReadOnlyList<SweepRun> runs, int variants)
    {
        Spec = spec;
        Runs = runs;
        Variants = variants;
    }

    /// <summary>The sweep.</summary>
    public SweepSpec Spec { get; }

    /// <summary>The runs, by index.</summary>
    public IReadOnlyList<SweepRun> Runs { get; }

    /// <summary>How many variants the runs cover.</summary>
    public int Variants { get; }

    /// <summary>A plan of runs already expanded (read back from an output folder's index).</summary>
    public static SweepPlan FromRuns(SweepSpec spec, IReadOnlyList<SweepRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return new SweepPlan(spec, runs, runs.Select(r => r.Variant).DefaultIfEmpty(-1).Max() + 1);
    }

    /// <summary>Expands <paramref name="spec"/> for Selene <paramref name="version"/>.</summary>
    public static SweepPlan Create(SweepSpec spec, string version)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var source = SweepSource.Resolve(spec.Scenario, spec.File);
        var variants = Combinations(spec);
        // A count of seeds runs the scenario's own seed and those after it; a list is taken as given.
        var baseSeed = source.Load(source.Root()).Seed;
        var seeds = spec.SeedsListed ? [.. spec.Seeds] : spec.Seeds.Select(s => baseSeed + s).ToList();
        var runs = new List<SweepRun>(variants.Count * seeds.Count);
        for (var v = 0; v < variants.Count; v++)
        {
            foreach (var seed in seeds)
            {
                var root = source.Root();
                root.Children[new YamlScalarNode("seed")] = new YamlScalarNode(seed.ToString(CultureInfo.InvariantCulture));
                if (spec.DurationSeconds is { } duration)
                {
                    root.Children[new YamlScalarNode("duration")] = new YamlScalarNode(DurationText.Format(duration));
                }

                for (var p = 0; p < spec.Vary.Count; p++)
                {
                    if (spec.Vary[p].Path.Set(root, variants[v][p]) is { } missing)
                    {
                        throw new InputException(InputDiagnostic.Error(spec.File, spec.Vary[p].Line, 1, $"vary[{p}].path", missing));
                    }
                }

                var manifests = CopyManifests(root, source);
                var yaml = SweepYaml.Write(root);
                var key = Key(yaml, manifests, seed, version);
                runs.Add(new SweepRun(runs.Count, key, v, seed, spec.Vary.Select((p, i) => (p.Path.Text, variants[v][i])).ToList(), yaml, manifests));
            }
        }

        return new SweepPlan(spec, runs, variants.Count);
    }

    private static List<string[]> Combinations(SweepSpec spec)
    {
        if (spec.Vary.Count == 0)
        {
            return [[]];
        }

        if (spec.Combine == SweepCombine.Zip)
        {
            return Enumerable.Range(0, spec.Vary[0].Values.Count).Select(i => spec.Vary.Select(p => p.Values[i]).ToArray()).ToList();
        }

        var combinations = new List<string[]> { Array.Empty<string>() };
        foreach (var parameter in spec.Vary)
        {
            combinations = combinations.SelectMany(c => parameter.Values.Select(v => c.Append(v).ToArray())).ToList();
        }

        return combinations;
    }

    // Every manifest the scenario names (nodes and launches) is renamed manifests/K-NAME and its text kept, so the
    // resolved scenario stands on its own wherever it is written.
    private static SortedDictionary<string, string> CopyManifests(YamlMappingNode root, SweepSource source)
    {
        var copies = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var section in new[] { "nodes", "launches" })
        {
            if (!root.Children.TryGetValue(new YamlScalarNode(section), out var list) || list is not YamlSequenceNode items)
            {
                continue;
            }

            foreach (var item in items.Children.OfType<YamlMappingNode>())
            {
                var key = new YamlScalarNode("manifest");
                if (!item.Children.TryGetValue(key, out var value) || value is not YamlScalarNode { Value: { } relative })
                {
                    continue;
                }

                if (!renamed.TryGetValue(relative, out var copy))
                {
                    copy = string.Create(CultureInfo.InvariantCulture, $"manifests/{renamed.Count}-{Path.GetFileName(relative)}");
                    renamed[relative] = copy;
                    if (source.Manifest(relative) is { } text)
                    {
                        copies[copy] = text;
                    }
                }

                item.Children[key] = new YamlScalarNode(copy);
            }
        }

        return copies;
    }

    private static string Key(string yaml, IReadOnlyDictionary<string, string> manifests, ulong seed, string version)
    {
        var text = new StringBuilder(yaml);
        foreach (var (name, manifest) in manifests)
        {
            text.Append('\0').Append(name).Append('\0').Append(manifest);
        }

        text.Append('\0').Append(seed.ToString(CultureInfo.InvariantCulture)).Append('\0').Append(version);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
