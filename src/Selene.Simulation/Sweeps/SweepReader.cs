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

        var source = ResolveScenario(scenarioName, top);

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

    /// <summary>The scenario <paramref name="name"/> names (a built-in one, or a file beside <paramref name="top"/>'s file), or null with an error at <c>scenario</c>.</summary>
    internal static SweepSource? ResolveScenario(string name, YamlFields top)
    {
        if (name.Length == 0)
        {
            return null;
        }

        try
        {
            return SweepSource.Resolve(name, top.File);
        }
        catch (InputException e)
        {
            top.Errors.Add(InputDiagnostic.Error(top.File, top.Line, 1, "scenario", e.Errors[0].Message));
            return null;
        }
    }

    /// <summary>Reads <c>seeds</c>: a list as given, or a count as offsets 0 … N − 1 from the scenario's seed.</summary>
    internal static List<ulong> ReadSeeds(YamlFields top)
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

    /// <summary>Reads one <c>path</c> with its <c>values</c> or <c>range</c>; null (with errors recorded) when it is wrong.</summary>
    internal static SweepParameter? ReadParameter(YamlFields fields)
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

    // from and to, with steps (≥ 2) spread evenly between them or every step from one to the other; durations stay
    // durations, numbers numbers.
    private static List<string> ReadRange(YamlFields range)
    {
        var from = range.String("from", required: true);
        var to = range.String("to", required: true);
        var steps = range.Integer("steps", 2, 10_000);
        var step = range.String("step");
        range.RejectUnknown();
        if ((steps is null) == (step is null))
        {
            range.Error("steps", "give steps (how many values) or step (the distance between them), one of the two");
        }

        if (from is null || to is null || (steps is null && step is null))
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

        if (step is not null)
        {
            var stride = 0.0;
            if (!(durations ? DurationText.TryParseSeconds(step, out stride) : double.TryParse(step, NumberStyles.Float, CultureInfo.InvariantCulture, out stride)) || !(stride > 0))
            {
                range.Error("step", $"expected a positive {(durations ? "duration" : "number")}, got '{step}'");
                return [];
            }

            var count = Math.Floor(((high - low) / stride) + 1e-9) + 1;
            if (high < low || count > 10_000)
            {
                range.Error("step", high < low ? $"'to' ({to}) is below 'from' ({from})" : $"{count:0} values; at most 10000");
                return [];
            }

            steps = (long)count;
            high = low + (stride * (count - 1));
        }

        return Enumerable.Range(0, (int)steps!.Value)
            .Select(k => steps.Value == 1 ? low : low + ((high - low) * k / (steps.Value - 1)))
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
        CheckValues(source, vary, top, "vary");
        var scenario = source.Load(source.Root());
        foreach (var (path, index) in collect)
        {
            var list = (YamlSequenceNode)top.Node.Children[new YamlScalarNode("collect")];
            CheckMetric(path, scenario, top, list.Children[index], $"collect[{index}]");
        }
    }

    /// <summary>
    /// Records an error for each parameter of the list <paramref name="key"/> whose path names nothing in the scenario,
    /// and for each value that, applied alone, gives a scenario that does not load.
    /// </summary>
    internal static void CheckValues(SweepSource source, IReadOnlyList<SweepParameter> parameters, YamlFields top, string key)
    {
        var items = top.Node.Children.TryGetValue(new YamlScalarNode(key), out var listNode) ? listNode as YamlSequenceNode : null;
        for (var p = 0; p < parameters.Count; p++)
        {
            var parameter = parameters[p];
            var item = items?.Children.OfType<YamlMappingNode>().FirstOrDefault(m => m.Start.Line == parameter.Line);
            var pathNode = item?.Children.TryGetValue(new YamlScalarNode("path"), out var n) == true ? n : top.Node;
            var valuesNode = item?.Children.TryGetValue(new YamlScalarNode("values"), out var v) == true ? v
                : item?.Children.TryGetValue(new YamlScalarNode("range"), out v) == true ? v : pathNode;
            foreach (var value in parameter.Values)
            {
                var root = source.Root();
                if (parameter.Path.Set(root, value) is { } missing)
                {
                    top.ErrorAt(pathNode, $"{key}[{p}].path", missing);
                    break;
                }

                try
                {
                    source.Load(root);
                }
                catch (InputException e)
                {
                    var first = e.Errors[0];
                    top.ErrorAt(valuesNode, $"{key}[{p}].values", $"{parameter.Path} = {value} gives a scenario that does not load: {first.Field}: {first.Message}");
                }
            }
        }
    }

    /// <summary>Records an error at <paramref name="node"/> when <paramref name="path"/> names no number a run of <paramref name="scenario"/> reports.</summary>
    internal static void CheckMetric(MetricPath path, Scenario scenario, YamlFields top, YamlNode node, string field)
    {
        if (MetricSchema.Problem(path, scenario) is { } problem)
        {
            top.ErrorAt(node, field, problem);
        }
    }
}
