using System.Globalization;
using Selene.Core.Errors;
using Selene.Core.Time;
using Selene.Core.Yaml;
using Selene.Simulation.Scenarios;
using YamlDotNet.RepresentationModel;

namespace Selene.Simulation.Sweeps;

/// <summary>
/// Reads a sweep file, validated like a scenario: every problem an error naming the file, line and field, all at once.
/// Vary paths must name something in the scenario and every value must give a valid scenario; collected metrics must
/// name numbers metrics.json has.
/// </summary>
public static class SweepReader
{
    /// <summary>Loads and checks the sweep file at <paramref name="path"/>.</summary>
    /// <exception cref="InputException">The file or what it names is wrong.</exception>
    /// <param name="path">The file.</param>
    /// <param name="checkScenario">Whether to load the scenario with every value and check the metrics against it (a worker
    /// running one run of a checked sweep skips it).</param>
    public static SweepSpec LoadFile(string path, bool checkScenario = true)
    {
        ArgumentNullException.ThrowIfNull(path);
        var text = InputFile.ReadText(path, "FILE", "cannot read the sweep file");
        return Parse(text, path, checkScenario);
    }

    /// <summary>Parses sweep text; <paramref name="file"/> names it in diagnostics and anchors a relative scenario path.</summary>
    public static SweepSpec Parse(string yaml, string file, bool checkScenario = true)
    {
        var stream = YamlInput.Load(yaml, file);
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new InputException(InputDiagnostic.Error(file, 1, 1, "", "a sweep is one YAML document whose top level is a mapping (scenario, seeds, vary, collect)"));
        }

        var errors = new List<InputDiagnostic>();
        var top = new YamlFields(root, "", file, errors);
        var scenarioName = top.String("scenario", required: true) ?? "";
        var duration = top.Duration("duration");
        var seeds = ReadSeeds(top);
        var combine = top.Enum<SweepCombine>("combine") ?? SweepCombine.Cross;
        var vary = top.MapList("vary").Select(ReadParameter).OfType<SweepParameter>().ToList();
        var collect = ReadCollect(top);
        top.RejectUnknown();

        SweepSource? source = null;
        if (scenarioName.Length > 0)
        {
            try
            {
                source = SweepSource.Resolve(scenarioName, file);
            }
            catch (InputException e)
            {
                errors.Add(InputDiagnostic.Error(file, top.Line, 1, "scenario", e.Errors[0].Message));
            }
        }

        if (combine == SweepCombine.Zip && vary.Select(v => v.Values.Count).Distinct().Count() > 1)
        {
            top.Error("combine", $"zip needs every vary list the same length; they have {string.Join(", ", vary.Select(v => v.Values.Count))} values");
        }

        if (source is not null && errors.Count == 0 && checkScenario)
        {
            CheckAgainstScenario(source, vary, collect, top);
        }

        if (errors.Count > 0)
        {
            throw new InputException(errors);
        }

        return new SweepSpec(file, scenarioName, duration, seeds, vary, combine, collect.Select(c => c.Path).ToList())
        {
            SeedsListed = top.Node.Children.TryGetValue(new YamlScalarNode("seeds"), out var seedsNode) && seedsNode is YamlSequenceNode,
        };
    }

    private static List<ulong> ReadSeeds(YamlFields top)
    {
        var node = top.Raw("seeds");
        if (node is YamlSequenceNode)
        {
            var list = new List<ulong>();
            foreach (var text in top.ScalarList("seeds"))
            {
                if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seed))
                {
                    list.Add(seed);
                }
                else
                {
                    top.Error("seeds", $"expected unsigned whole numbers, got '{text}'");
                }
            }

            if (list.Count == 0)
            {
                top.Error("seeds", "give at least one seed");
            }

            return list;
        }

        var count = top.Integer("seeds", 1, 100_000);
        // A count of N runs each variant with the scenario's own seed and the N − 1 after it (filled in by the plan).
        return count is { } n ? Enumerable.Range(0, (int)n).Select(i => (ulong)i).ToList() : node is null ? [0] : [];
    }

    private static SweepParameter? ReadParameter(YamlFields fields)
    {
        var text = fields.String("path", required: true);
        var path = text is null ? null : ScenarioPath.TryParse(text);
        if (text is not null && path is null)
        {
            fields.Error("path", $"'{text}' is not a path such as tenants[chat].arrivals.rateScale");
        }

        var values = new List<string>();
        if (fields.Has("values"))
        {
            values.AddRange(fields.ScalarList("values"));
            if (values.Count == 0)
            {
                fields.Error("values", "give at least one value");
            }
        }

        if (fields.Map("range") is { } range)
        {
            values.AddRange(ReadRange(range));
        }

        if (!fields.Has("values") && !fields.Has("range"))
        {
            fields.Error("path", "give the values it takes: values: [...] or range: {from, to, steps}");
        }
        else if (fields.Has("values") && fields.Has("range"))
        {
            fields.Error("range", "give values or range, not both");
        }

        fields.RejectUnknown();
        return path is null || values.Count == 0 ? null : new SweepParameter(path, values, fields.Line);
    }

    // from, to and steps (≥ 2) spread evenly; durations stay durations, numbers numbers.
    private static List<string> ReadRange(YamlFields range)
    {
        var from = range.String("from", required: true);
        var to = range.String("to", required: true);
        var steps = range.Integer("steps", 2, 10_000, required: true);
        range.RejectUnknown();
        if (from is null || to is null || steps is null)
        {
            return [];
        }

        var durations = !double.TryParse(from, NumberStyles.Float, CultureInfo.InvariantCulture, out var low)
            | !double.TryParse(to, NumberStyles.Float, CultureInfo.InvariantCulture, out var high);
        if (durations && !(DurationText.TryParseSeconds(from, out low) && DurationText.TryParseSeconds(to, out high)))
        {
            range.Error("from", $"from and to must both be numbers or both durations, got '{from}' and '{to}'");
            return [];
        }

        return Enumerable.Range(0, (int)steps.Value)
            .Select(k => low + ((high - low) * k / (steps.Value - 1)))
            .Select(v => durations ? DurationText.Format(Math.Round(v, 3)) : v.ToString("R", CultureInfo.InvariantCulture))
            .ToList();
    }

    private static List<(MetricPath Path, int Index)> ReadCollect(YamlFields top)
    {
        var result = new List<(MetricPath, int)>();
        var index = 0;
        foreach (var text in top.ScalarList("collect", required: true))
        {
            if (MetricPath.TryParse(text) is { } path)
            {
                result.Add((path, index));
            }
            else
            {
                top.Error("collect", $"'{text}' is not a metrics path such as tenants[*].goodput");
            }

            index++;
        }

        return result;
    }

    // Each value applied alone must give a scenario that loads, and each metric must be a number metrics.json has.
    private static void CheckAgainstScenario(SweepSource source, List<SweepParameter> vary, List<(MetricPath Path, int Index)> collect, YamlFields top)
    {
        var vary0 = top.Node.Children.TryGetValue(new YamlScalarNode("vary"), out var varyNode) ? varyNode as YamlSequenceNode : null;
        for (var p = 0; p < vary.Count; p++)
        {
            var parameter = vary[p];
            var item = vary0?.Children[p] as YamlMappingNode;
            var pathNode = item?.Children.TryGetValue(new YamlScalarNode("path"), out var n) == true ? n : top.Node;
            var valuesNode = item?.Children.TryGetValue(new YamlScalarNode("values"), out var v) == true ? v
                : item?.Children.TryGetValue(new YamlScalarNode("range"), out v) == true ? v : pathNode;
            foreach (var value in parameter.Values)
            {
                var root = source.Root();
                if (parameter.Path.Set(root, value) is { } missing)
                {
                    top.ErrorAt(pathNode, $"vary[{p}].path", missing);
                    break;
                }

                try
                {
                    source.Load(root);
                }
                catch (InputException e)
                {
                    var first = e.Errors[0];
                    top.ErrorAt(valuesNode, $"vary[{p}].values", $"{parameter.Path} = {value} gives a scenario that does not load: {first.Field}: {first.Message}");
                }
            }
        }

        var scenario = source.Load(source.Root());
        foreach (var (path, index) in collect)
        {
            if (MetricSchema.Problem(path, scenario) is { } problem)
            {
                var list = (YamlSequenceNode)top.Node.Children[new YamlScalarNode("collect")];
                top.ErrorAt(list.Children[index], $"collect[{index}]", problem);
            }
        }
    }
}
