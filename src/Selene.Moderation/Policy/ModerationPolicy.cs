using System.Globalization;
using Selene.Core.Errors;
using Selene.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Selene.Moderation.Policy;

/// <summary>
/// Rules from signals to actions, per tenant: the first rule that holds decides; when none does, the tenant's
/// <c>otherwise</c> (allow unless said). A tenant not named uses <c>default</c>.
/// </summary>
/// <example>
/// <code>
/// tenants:
///   default:
///     rules:
///       - {name: known-abuse, signal: bankDistance, atMost: 31, action: block}
///       - {name: unmatchable, signal: quality, below: 50, action: review}
///       - {name: synthetic, signal: generated, atLeast: 0.9, action: allowWithLabel, label: AI-generated}
///     otherwise: allow
/// </code>
/// </example>
public sealed class ModerationPolicy
{
    private static readonly string[] s_comparisons = ["atMost", "atLeast", "below", "above"];
    private readonly IReadOnlyDictionary<string, (IReadOnlyList<ModerationRule> Rules, ModerationAction Otherwise)> _tenants;

    private ModerationPolicy(IReadOnlyDictionary<string, (IReadOnlyList<ModerationRule>, ModerationAction)> tenants) => _tenants = tenants;

    /// <summary>Block what matches the bank within 31 bits, review what PDQ cannot hash well (quality below 50), allow the rest.</summary>
    public static ModerationPolicy Default { get; } = new(new Dictionary<string, (IReadOnlyList<ModerationRule>, ModerationAction)>(StringComparer.Ordinal)
    {
        ["default"] = ([new("known-item", "bankDistance", "atMost", 31, ModerationAction.Block, null), new("unmatchable", "quality", "below", 50, ModerationAction.Review, null)], ModerationAction.Allow),
    });

    /// <summary>Decides on an item of <paramref name="tenant"/> with <paramref name="signals"/>.</summary>
    public Decision Decide(string tenant, IReadOnlyDictionary<string, double> signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        var (rules, otherwise) = _tenants.TryGetValue(tenant ?? "default", out var own) ? own : _tenants["default"];
        var reasons = new List<RuleEvaluation>();
        foreach (var rule in rules)
        {
            double? value = signals.TryGetValue(rule.Signal, out var v) ? v : null;
            var held = value is { } x && rule.Holds(x);
            reasons.Add(new RuleEvaluation(rule.Name, rule.Signal, value, rule.Comparison, rule.Threshold, held));
            if (held)
            {
                return new Decision(rule.Action, rule.Label, rule.Name, true, reasons);
            }
        }

        return new Decision(otherwise, null, null, true, reasons);
    }

    /// <summary>Reads a policy file.</summary>
    /// <exception cref="InputException">Every problem, with the file, line, column and field.</exception>
    public static ModerationPolicy Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(InputFile.ReadText(path, "--policy", "cannot read the policy"), path);
    }

    /// <summary>Reads policy YAML.</summary>
    /// <exception cref="InputException">Every problem, with the file, line, column and field.</exception>
    public static ModerationPolicy Parse(string yaml, string file)
    {
        var errors = new List<InputDiagnostic>();
        void Error(YamlNode node, string field, string message) => errors.Add(InputDiagnostic.Error(file, (int)node.Start.Line, (int)node.Start.Column, field, message));

        var stream = YamlInput.Load(yaml, file);

        var tenants = new Dictionary<string, (IReadOnlyList<ModerationRule>, ModerationAction)>(StringComparer.Ordinal);
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("tenants"), out var tenantsNode) || tenantsNode is not YamlMappingNode tenantMap)
        {
            throw new InputException([InputDiagnostic.Error(file, 1, 1, "tenants", "a policy is a map with 'tenants', each tenant with 'rules' and 'otherwise'")]);
        }

        foreach (var unknown in root.Children.Keys.OfType<YamlScalarNode>().Where(k => k.Value != "tenants"))
        {
            Error(unknown, unknown.Value ?? "", "unknown key; a policy has 'tenants'");
        }

        foreach (var (key, value) in tenantMap.Children)
        {
            var tenant = ((YamlScalarNode)key).Value ?? "";
            if (value is not YamlMappingNode spec)
            {
                Error(value, $"tenants.{tenant}", "expected a map with 'rules' and 'otherwise'");
                continue;
            }

            var rules = new List<ModerationRule>();
            var otherwise = ModerationAction.Allow;
            foreach (var (fieldNode, fieldValue) in spec.Children)
            {
                var field = ((YamlScalarNode)fieldNode).Value;
                if (field == "otherwise")
                {
                    otherwise = Action(fieldValue, $"tenants.{tenant}.otherwise") ?? otherwise;
                }
                else if (field == "rules" && fieldValue is YamlSequenceNode list)
                {
                    var index = 0;
                    foreach (var item in list)
                    {
                        if (ReadRule(item, $"tenants.{tenant}.rules[{index++}]") is { } rule)
                        {
                            rules.Add(rule);
                        }
                    }
                }
                else
                {
                    Error(fieldNode, $"tenants.{tenant}.{field}", field == "rules" ? "expected a list of rules" : "unknown key; a tenant has 'rules' and 'otherwise'");
                }
            }

            tenants[tenant] = (rules, otherwise);
        }

        if (!tenants.ContainsKey("default"))
        {
            tenants["default"] = ([], ModerationAction.Allow);
        }

        return errors.Count > 0 ? throw new InputException(errors) : new ModerationPolicy(tenants);

        ModerationAction? Action(YamlNode node, string field)
        {
            var text = (node as YamlScalarNode)?.Value;
            ModerationAction? action = text switch
            {
                "allow" => ModerationAction.Allow,
                "allowWithLabel" => ModerationAction.AllowWithLabel,
                "review" => ModerationAction.Review,
                "block" => ModerationAction.Block,
                _ => null,
            };
            if (action is null)
            {
                Error(node, field, $"unknown action '{text}'; expected allow, allowWithLabel, review or block");
            }

            return action;
        }

        ModerationRule? ReadRule(YamlNode node, string path)
        {
            if (node is not YamlMappingNode map)
            {
                Error(node, path, "expected a rule: name, signal, a comparison and action");
                return null;
            }

            string? Text(string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? (v as YamlScalarNode)?.Value : null;
            var name = Text("name") ?? path;
            var signal = Text("signal");
            if (string.IsNullOrWhiteSpace(signal))
            {
                Error(map, $"{path}.signal", "a rule needs the signal it reads (bankDistance, quality, or a classifier's name)");
            }

            var comparisons = s_comparisons.Where(c => map.Children.ContainsKey(new YamlScalarNode(c))).ToList();
            double threshold = 0;
            if (comparisons.Count != 1)
            {
                Error(map, $"{path}", "a rule needs exactly one of atMost, atLeast, below, above");
            }
            else if (!double.TryParse(Text(comparisons[0]), NumberStyles.Float, CultureInfo.InvariantCulture, out threshold) || !double.IsFinite(threshold))
            {
                Error(map.Children[new YamlScalarNode(comparisons[0])], $"{path}.{comparisons[0]}", "expected a number");
            }

            ModerationAction? action = map.Children.TryGetValue(new YamlScalarNode("action"), out var actionNode) ? Action(actionNode, $"{path}.action") : null;
            if (actionNode is null)
            {
                Error(map, $"{path}.action", "a rule needs an action");
            }

            var label = Text("label");
            if (action == ModerationAction.AllowWithLabel && string.IsNullOrWhiteSpace(label))
            {
                Error(map, $"{path}.label", "allowWithLabel needs a label");
            }

            foreach (var unknown in map.Children.Keys.OfType<YamlScalarNode>().Where(k => k.Value is not ("name" or "signal" or "action" or "label") && !s_comparisons.Contains(k.Value)))
            {
                Error(unknown, $"{path}.{unknown.Value}", "unknown key; a rule has name, signal, atMost/atLeast/below/above, action, label");
            }

            return signal is null || action is null || comparisons.Count != 1 ? null : new ModerationRule(name, signal, comparisons[0], threshold, action.Value, label);
        }
    }
}
