using System.Globalization;
using Selene.Core.Time;
using Selene.Simulation.Scenarios;
using Selene.Simulation.Sweeps;
using YamlDotNet.RepresentationModel;

namespace Selene.Simulation.Planning;

/// <summary>
/// A plan's candidates as sweeps: each batch of configurations the search asks for is a sweep file (their values
/// zipped, every seed each) that the sweep executors run, so runs are keyed, cached and resumed as a sweep's are.
/// </summary>
public static class PlanSweep
{
    /// <summary>The seeds every candidate runs with: as listed, or offsets from the scenario's own seed.</summary>
    public static IReadOnlyList<ulong> Seeds(PlanSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.SeedsListed)
        {
            return spec.Seeds;
        }

        var source = SweepSource.Resolve(spec.Scenario, spec.File);
        var baseSeed = source.Load(source.Root()).Seed;
        return spec.Seeds.Select(s => baseSeed + s).ToList();
    }

    /// <summary>The seeds the chosen configuration is verified with: the <see cref="PlanSpec.VerifySeeds"/> after the highest of <paramref name="seeds"/>.</summary>
    public static IReadOnlyList<ulong> VerificationSeeds(PlanSpec spec, IReadOnlyList<ulong> seeds)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(seeds);
        var after = seeds.Max() + 1;
        return Enumerable.Range(0, spec.VerifySeeds).Select(i => after + (ulong)i).ToList();
    }

    /// <summary>The sweep file that runs <paramref name="candidates"/> (value indexes) with <paramref name="seeds"/>; its scenario named so it can sit in any folder.</summary>
    public static string Yaml(PlanSpec spec, IReadOnlyList<ulong> seeds, IReadOnlyList<int[]> candidates)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(candidates);
        var root = new YamlMappingNode { { "scenario", ScenarioReference(spec) } };
        if (spec.DurationSeconds is { } duration)
        {
            root.Add("duration", DurationText.Format(duration));
        }

        root.Add("seeds", new YamlSequenceNode(seeds.Select(s => new YamlScalarNode(s.ToString(CultureInfo.InvariantCulture)))) { Style = YamlDotNet.Core.Events.SequenceStyle.Flow });
        var vary = new YamlSequenceNode();
        for (var d = 0; d < spec.Decisions.Count; d++)
        {
            var decision = spec.Decisions[d];
            vary.Add(new YamlMappingNode
            {
                { "path", decision.Path.Text },
                { "values", new YamlSequenceNode(candidates.Select(c => Quoted(decision.Values[c[d]]))) },
            });
        }

        root.Add("vary", vary);
        root.Add("combine", "zip");
        root.Add("collect", new YamlSequenceNode(spec.Collected.Select(m => Quoted(m.Text))));
        return SweepYaml.Write(root);
    }

    /// <summary>The base scenario with <paramref name="indexes"/>' values, standing on its own: its text and the manifests it names (as <c>manifests/…</c>).</summary>
    public static SweepRun Scenario(PlanSpec spec, int[] indexes)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(indexes);
        var source = SweepSource.Resolve(spec.Scenario, spec.File);
        var seed = source.Load(source.Root()).Seed;
        var vary = spec.Decisions.Select((d, i) => d.Parameter with { Values = [d.Values[indexes[i]]] }).ToList();
        var single = new SweepSpec(spec.File, spec.Scenario, null, [seed], vary, SweepCombine.Cross, []) { SeedsListed = true };
        return SweepPlan.Create(single, "").Runs[0];
    }

    private static string ScenarioReference(PlanSpec spec) => BuiltInScenarios.Names.Contains(spec.Scenario)
        ? spec.Scenario
        : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(spec.File)) ?? ".", spec.Scenario));

    private static YamlScalarNode Quoted(string text) => new(text) { Style = YamlDotNet.Core.ScalarStyle.DoubleQuoted };
}
