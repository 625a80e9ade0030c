using System.Globalization;
using Selene.Core.Errors;
using Selene.Core.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Selene.Ode.Models;

/// <summary>
/// Reads a model from YAML:
/// <code>
/// name: rober
/// states: { y1: 1, y2: 0, y3: 0 }          # name: initial value, in order
/// parameters: { k1: 0.04, k2: 3e7, k3: 1e4 }
/// rhs:
///   dy1: -k1*y1 + k3*y2*y3
///   dy2: k1*y1 - k3*y2*y3 - k2*y2^2
///   dy3: k2*y2^2
/// span: [0, 1e11]                          # optional
/// events:                                  # optional
///   - name: impact
///     when: h                              # an event where this crosses zero
///     direction: falling                   # rising, falling or both (default)
///     terminal: false                      # default false
///     set: { v: -0.9*v }                   # state changes at the event (default none)
/// </code>
/// Every problem is an <see cref="InputException"/> naming the file, line, column and key.
/// </summary>
public static class ModelLoader
{
    private static readonly HashSet<string> s_keys = new(StringComparer.Ordinal) { "name", "states", "parameters", "rhs", "span", "events" };

    /// <summary>Loads the model file at <paramref name="path"/>.</summary>
    public static OdeModel LoadFile(string path)
    {
        return Parse(InputFile.ReadText(path, "--model", "cannot read the model"), path);
    }

    /// <summary>Parses model text; <paramref name="file"/> names it in errors.</summary>
    public static OdeModel Parse(string yaml, string file)
    {
        var stream = YamlInput.Load(yaml, file);

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw Error(file, 1, 1, "", "a model is one YAML mapping with name, states, parameters, rhs and optionally span");
        }

        foreach (var (key, _) in root.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!s_keys.Contains(name))
            {
                throw Error(file, (int)key.Start.Line, (int)key.Start.Column, name, $"unknown key '{name}'; a model has {string.Join(", ", s_keys)}");
            }
        }

        var modelName = Child(root, "name") is YamlScalarNode { Value: { } n } ? n : "model";
        var states = NumberMap(file, root, "states", required: true);
        if (states.Count == 0)
        {
            throw Error(file, (int)root.Start.Line, (int)root.Start.Column, "states", "a model needs at least one state");
        }

        var parameters = NumberMap(file, root, "parameters", required: false);
        var names = new HashSet<string>(StringComparer.Ordinal) { "t" };
        foreach (var (name, node, _) in states.Concat(parameters))
        {
            if (name == "t" || !names.Add(name))
            {
                throw Error(file, (int)node.Start.Line, (int)node.Start.Column, name, name == "t" ? "'t' is the time; choose another name" : $"'{name}' is declared twice");
            }
        }

        if (Child(root, "rhs") is not YamlMappingNode rhs)
        {
            throw Error(file, (int)root.Start.Line, (int)root.Start.Column, "rhs", "missing 'rhs': one expression per state, keyed d<state>");
        }

        var equations = new ExpressionNode?[states.Count];
        foreach (var (key, value) in rhs.Children)
        {
            var keyName = (key as YamlScalarNode)?.Value ?? "";
            var index = states.FindIndex(s => "d" + s.Name == keyName);
            if (index < 0)
            {
                throw Error(file, (int)key.Start.Line, (int)key.Start.Column, $"rhs.{keyName}", $"no state '{(keyName.StartsWith('d') ? keyName[1..] : keyName)}'; keys are d followed by a state name");
            }

            if (value is not YamlScalarNode { Value: { } text })
            {
                throw Error(file, (int)value.Start.Line, (int)value.Start.Column, $"rhs.{keyName}", "expected an expression");
            }

            try
            {
                equations[index] = ExpressionParser.Parse(text, names);
            }
            catch (ExpressionException e)
            {
                // A plain or quoted one-line scalar: the column of the problem is the scalar's plus its offset.
                var offset = value is YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted } ? 1 : 0;
                throw Error(file, (int)value.Start.Line, (int)value.Start.Column + offset + e.Position, $"rhs.{keyName}", e.Message);
            }
        }

        var missing = Array.FindIndex(equations, e => e is null);
        if (missing >= 0)
        {
            throw Error(file, (int)rhs.Start.Line, (int)rhs.Start.Column, $"rhs.d{states[missing].Name}", $"state '{states[missing].Name}' has no right-hand side");
        }

        var (t0, t1) = Span(file, root);
        var events = Events(file, root, names, states.Select(s => s.Name).ToList());
        return new OdeModel(modelName, states.Select(s => s.Name).ToList(), states.Select(s => s.Value).ToArray(),
            parameters.Select(p => p.Name).ToList(), parameters.Select(p => p.Value).ToArray(), equations!, t0, t1, events);
    }

    private static List<ModelEvent> Events(string file, YamlMappingNode root, IReadOnlySet<string> names, IReadOnlyList<string> states)
    {
        var node = Child(root, "events");
        if (node is null)
        {
            return [];
        }

        if (node is not YamlSequenceNode list)
        {
            throw Error(file, (int)node.Start.Line, (int)node.Start.Column, "events", "expected a list of events");
        }

        var events = new List<ModelEvent>();
        var index = 0;
        foreach (var item in list.Children)
        {
            var path = $"events[{index++}]";
            if (item is not YamlMappingNode map)
            {
                throw Error(file, (int)item.Start.Line, (int)item.Start.Column, path, "expected a mapping with name and when");
            }

            foreach (var (key, _) in map.Children)
            {
                var keyName = (key as YamlScalarNode)?.Value ?? "";
                if (keyName is not ("name" or "when" or "direction" or "terminal" or "set"))
                {
                    throw Error(file, (int)key.Start.Line, (int)key.Start.Column, $"{path}.{keyName}", $"unknown key '{keyName}'; an event has name, when, direction, terminal, set");
                }
            }

            var name = Child(map, "name") is YamlScalarNode { Value: { } n } ? n : $"event{index}";
            var when = Expression(file, map, "when", $"{path}.when", names) ?? throw Error(file, (int)map.Start.Line, (int)map.Start.Column, $"{path}.when", "an event needs 'when', the expression whose zero crossings are the event");
            var direction = Child(map, "direction") switch
            {
                null => Selene.Ode.Events.EventDirection.Both,
                YamlScalarNode { Value: "both" } => Selene.Ode.Events.EventDirection.Both,
                YamlScalarNode { Value: "rising" } => Selene.Ode.Events.EventDirection.Rising,
                YamlScalarNode { Value: "falling" } => Selene.Ode.Events.EventDirection.Falling,
                var other => throw Error(file, (int)other.Start.Line, (int)other.Start.Column, $"{path}.direction", "expected rising, falling or both"),
            };
            var terminal = Child(map, "terminal") switch
            {
                null => false,
                YamlScalarNode { Value: { } text } when bool.TryParse(text, out var value) => value,
                var other => throw Error(file, (int)other.Start.Line, (int)other.Start.Column, $"{path}.terminal", "expected true or false"),
            };
            var assignments = new List<(int State, ExpressionNode Value)>();
            if (Child(map, "set") is { } setNode)
            {
                if (setNode is not YamlMappingNode set)
                {
                    throw Error(file, (int)setNode.Start.Line, (int)setNode.Start.Column, $"{path}.set", "expected a mapping of state to expression");
                }

                foreach (var (key, _) in set.Children)
                {
                    var state = (key as YamlScalarNode)?.Value ?? "";
                    var stateIndex = states.ToList().IndexOf(state);
                    if (stateIndex < 0)
                    {
                        throw Error(file, (int)key.Start.Line, (int)key.Start.Column, $"{path}.set.{state}", $"no state '{state}'");
                    }

                    assignments.Add((stateIndex, Expression(file, set, state, $"{path}.set.{state}", names)!));
                }
            }

            events.Add(new ModelEvent(name, when, direction, terminal, assignments));
        }

        return events;
    }

    private static ExpressionNode? Expression(string file, YamlMappingNode map, string key, string field, IReadOnlySet<string> names)
    {
        var node = Child(map, key);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlScalarNode { Value: { } text })
        {
            throw Error(file, (int)node.Start.Line, (int)node.Start.Column, field, "expected an expression");
        }

        try
        {
            return ExpressionParser.Parse(text, names);
        }
        catch (ExpressionException e)
        {
            var offset = node is YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted } ? 1 : 0;
            throw Error(file, (int)node.Start.Line, (int)node.Start.Column + offset + e.Position, field, e.Message);
        }
    }

    private static List<(string Name, YamlNode Node, double Value)> NumberMap(string file, YamlMappingNode root, string key, bool required)
    {
        var node = Child(root, key);
        if (node is null)
        {
            return required
                ? throw Error(file, (int)root.Start.Line, (int)root.Start.Column, key, $"missing '{key}'")
                : [];
        }

        if (node is not YamlMappingNode map)
        {
            throw Error(file, (int)node.Start.Line, (int)node.Start.Column, key, "expected a mapping of names to numbers");
        }

        var result = new List<(string, YamlNode, double)>();
        foreach (var (k, v) in map.Children)
        {
            var name = (k as YamlScalarNode)?.Value ?? "";
            if (!IsIdentifier(name))
            {
                throw Error(file, (int)k.Start.Line, (int)k.Start.Column, $"{key}.{name}", "names are letters, digits and _, starting with a letter");
            }

            if (v is not YamlScalarNode { Value: { } text } || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                throw Error(file, (int)v.Start.Line, (int)v.Start.Column, $"{key}.{name}", "expected a finite number");
            }

            result.Add((name, k, value));
        }

        return result;
    }

    private static (double?, double?) Span(string file, YamlMappingNode root)
    {
        var node = Child(root, "span");
        if (node is null)
        {
            return (null, null);
        }

        var values = (node as YamlSequenceNode)?.Children.OfType<YamlScalarNode>()
            .Select(v => double.TryParse(v.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : double.NaN).ToList();
        if (values is not { Count: 2 } || values.Any(v => !double.IsFinite(v)) || values[0] == values[1])
        {
            throw Error(file, (int)node.Start.Line, (int)node.Start.Column, "span", "expected [t0, t1], two different finite numbers");
        }

        return (values[0], values[1]);
    }

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && char.IsLetter(name[0]) && name.All(c => char.IsLetterOrDigit(c) || c == '_');

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static InputException Error(string file, int line, int column, string field, string reason) =>
        new(InputDiagnostic.Error(file, line, column, field, reason));
}
