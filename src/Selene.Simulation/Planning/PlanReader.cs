using System.Globalization;
using Selene.Core.Errors;
using Selene.Core.Yaml;
using Selene.Simulation.Scenarios;
using Selene.Simulation.Sweeps;
using YamlDotNet.RepresentationModel;

namespace Selene.Simulation.Planning;

/// <summary>
/// Reads a plan file, validated like a sweep: every problem an error naming the file, line and field, all at once.
/// Decision paths must name something in the scenario and every value must give a scenario that loads; every metric
/// (constraints, prices, front) must be a number metrics.json has.
/// </summary>
public static class PlanReader
{
    /// <summary>Loads and checks the plan file at <paramref name="path"/>.</summary>
    /// <exception cref="InputException">The file or what it names is wrong.</exception>
    public static PlanSpec LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(InputFile.ReadText(path, "FILE", "cannot read the plan file"), path);
    }

    /// <summary>Parses plan text; <paramref name="file"/> names it in diagnostics and anchors a relative scenario path.</summary>
    /// <exception cref="InputException">The text or what it names is wrong.</exception>
    public static PlanSpec Parse(string yaml, string file)
    {
        var stream = YamlInput.Load(yaml, file);
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new InputException(InputDiagnostic.Error(file, 1, 1, "", "a plan is one YAML document whose top level is a mapping (scenario, decide, constraints)"));
        }

        var errors = new List<InputDiagnostic>();
        var top = new YamlFields(root, "", file, errors);
        var scenarioName = top.String("scenario", required: true) ?? "";
        var duration = top.Duration("duration");
        var seeds = SweepReader.ReadSeeds(top);
        var confidence = top.Number("confidence", 0.5, 1, minExclusive: true) ?? 0.95;
        var verify = (int)(top.Integer("verify", 0, 10_000) ?? 0);
        if (confidence >= 1)
        {
            top.Error("confidence", "must be below 1: no number of seeds gives certainty");
        }

        var decisions = top.MapList("decide", required: true).Select(ReadDecision).OfType<PlanDecision>().ToList();
        if (top.Raw("decide") is YamlSequenceNode { Children.Count: 0 })
        {
            top.Error("decide", "give at least one decision variable");
        }

        foreach (var repeated in decisions.GroupBy(d => d.Path.Text).Where(g => g.Count() > 1))
        {
            var second = repeated.Skip(1).First();
            errors.Add(InputDiagnostic.Error(file, second.Parameter.Line, 1, $"decide[{decisions.IndexOf(second)}].path", $"'{repeated.Key}' is decided twice"));
        }

        var prices = new List<(PlanPrice Price, YamlNode Node, string Field)>();
        foreach (var item in top.MapList("prices"))
        {
            var metric = ReadMetric(item);
            var price = item.Number("price", 0, double.MaxValue, required: true);
            item.RejectUnknown();
            if (metric is not null && price is not null)
            {
                prices.Add((new PlanPrice(metric.Value.Path, price.Value), metric.Value.Node, item.FieldPath("metric")));
            }
        }

        var constraints = new List<(PlanConstraint Constraint, YamlNode Node, string Field)>();
        foreach (var item in top.MapList("constraints", required: true))
        {
            var metric = ReadMetric(item);
            var atLeast = item.Number("atLeast");
            var atMost = item.Number("atMost");
            item.RejectUnknown();
            if (atLeast.HasValue == atMost.HasValue)
            {
                item.Error("atLeast", "give atLeast or atMost, one of the two");
            }
            else if (metric is not null)
            {
                var constraint = atLeast is { } low ? new PlanConstraint(metric.Value.Path, PlanBound.AtLeast, low) : new PlanConstraint(metric.Value.Path, PlanBound.AtMost, atMost!.Value);
                constraints.Add((constraint, metric.Value.Node, item.FieldPath("metric")));
            }
        }

        if (top.Raw("constraints") is YamlSequenceNode { Children.Count: 0 })
        {
            top.Error("constraints", "give at least one constraint: without one the cheapest configuration is simply the smallest");
        }

        var frontText = top.String("front");
        var front = frontText is null ? null : MetricPath.TryParse(frontText);
        if (frontText is not null && front is null)
        {
            top.Error("front", $"'{frontText}' is not a metrics path such as tenants[*].goodput");
        }

        top.RejectUnknown();
        var source = SweepReader.ResolveScenario(scenarioName, top);

        if (source is not null && errors.Count == 0)
        {
            SweepReader.CheckValues(source, decisions.Select(d => d.Parameter).ToList(), top, "decide");
            var scenario = source.Load(source.Root());
            foreach (var (constraint, node, field) in constraints)
            {
                SweepReader.CheckMetric(constraint.Metric, scenario, top, node, field);
            }

            foreach (var (price, node, field) in prices)
            {
                SweepReader.CheckMetric(price.Metric, scenario, top, node, field);
            }

            if (front is not null)
            {
                SweepReader.CheckMetric(front, scenario, top, top.Node.Children[new YamlScalarNode("front")], "front");
            }
        }

        if (errors.Count > 0)
        {
            throw new InputException(errors);
        }

        var seedsListed = top.Node.Children.TryGetValue(new YamlScalarNode("seeds"), out var seedsNode) && seedsNode is YamlSequenceNode;
        var frontMetric = front ?? constraints.Select(c => c.Constraint).OrderBy(c => c.Bound).First().Metric;
        return new PlanSpec(file, scenarioName, duration, seeds, seedsListed, confidence, decisions, prices.Select(p => p.Price).ToList(),
            constraints.Select(c => c.Constraint).ToList(), frontMetric)
        {
            VerifySeeds = verify,
        };
    }

    // A path with its values (as a sweep's vary item) and its cost: per unit of a numeric value, or one per value.
    private static PlanDecision? ReadDecision(YamlFields fields)
    {
        var perUnit = fields.Number("cost");
        var listed = fields.Has("costs") ? fields.ScalarList("costs") : null;
        var parameter = SweepReader.ReadParameter(fields);
        if (perUnit.HasValue == (listed is not null))
        {
            fields.Error("cost", "give cost (per unit of the value) or costs (one per value), one of the two");
            return null;
        }

        if (parameter is null)
        {
            return null;
        }

        var costs = new List<double>();
        if (listed is not null)
        {
            foreach (var text in listed)
            {
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var cost) && double.IsFinite(cost))
                {
                    costs.Add(cost);
                }
                else
                {
                    fields.Error("costs", $"expected numbers, got '{text}'");
                    return null;
                }
            }

            if (costs.Count != parameter.Values.Count)
            {
                fields.Error("costs", $"give one cost per value: {parameter.Values.Count} values, {costs.Count} costs");
                return null;
            }
        }
        else
        {
            foreach (var value in parameter.Values)
            {
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    fields.Error("cost", $"a cost per unit needs numeric values, and '{value}' is not one: give costs, one per value");
                    return null;
                }

                costs.Add(number * perUnit!.Value);
            }
        }

        return new PlanDecision(parameter, costs);
    }

    private static (MetricPath Path, YamlNode Node)? ReadMetric(YamlFields item)
    {
        var text = item.String("metric", required: true);
        if (text is null)
        {
            return null;
        }

        if (MetricPath.TryParse(text) is { } path)
        {
            return (path, item.Node.Children[new YamlScalarNode("metric")]);
        }

        item.Error("metric", $"'{text}' is not a metrics path such as tenants[*].goodput");
        return null;
    }
}
