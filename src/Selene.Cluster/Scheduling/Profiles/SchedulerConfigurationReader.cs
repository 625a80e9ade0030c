using System.Globalization;
using Selene.Cluster.Manifests;
using Selene.Cluster.Scheduling.Framework;
using Selene.Cluster.Scheduling.Plugins;
using Selene.Cluster.Scheduling.Space;
using Selene.Core.Errors;
using YamlDotNet.RepresentationModel;

namespace Selene.Cluster.Scheduling.Profiles;

/// <summary>
/// Reads a <c>KubeSchedulerConfiguration</c> (<c>kubescheduler.config.k8s.io/v1</c>): <c>percentageOfNodesToScore</c>,
/// <c>podInitialBackoffSeconds</c>, <c>podMaxBackoffSeconds</c>, and <c>profiles</c> with <c>plugins</c> per extension
/// point (<c>multiPoint</c>, <c>filter</c>, <c>score</c>, …; <c>enabled</c> with weights, <c>disabled</c> with
/// <c>*</c>) and <c>pluginConfig</c> arguments for NodeResourcesFit, NodeResourcesBalancedAllocation and EnergyCost.
/// Every profile starts from the default plugin set, as kube-scheduler's do.
/// </summary>
public static class SchedulerConfigurationReader
{
    private static readonly string[] s_points = ["multiPoint", "preEnqueue", "queueSort", "preFilter", "filter", "postFilter", "preScore", "score", "reserve", "permit", "preBind", "bind", "postBind"];

    /// <summary>Reads the document, adding a diagnostic for each problem; returns null when there were errors.</summary>
    public static SchedulerConfiguration? Read(ManifestDocument document, PluginContext context, List<InputDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        var reader = new Reader(document, diagnostics);
        var root = document.Root!;
        reader.OnlyKeys(root, "", "apiVersion", "kind", "percentageOfNodesToScore", "podInitialBackoffSeconds", "podMaxBackoffSeconds", "profiles", "extenders", "parallelism", "leaderElection", "clientConnection", "featureGates", "delayCacheUntilActive");
        var percentage = reader.Integer(root, "percentageOfNodesToScore", "", 0, 100) ?? 0;
        var initial = reader.Integer(root, "podInitialBackoffSeconds", "", 1, 3600) ?? 1;
        var max = reader.Integer(root, "podMaxBackoffSeconds", "", initial, 3600) ?? Math.Max(10, initial);
        if (ManifestDocument.Child(root, "extenders") is { } extenders)
        {
            diagnostics.Add(InputDiagnostic.Warning(document.File, (int)extenders.Start.Line, (int)extenders.Start.Column, "extenders",
                "extenders are called by kube-scheduler; Selene's own scheduler does not call them (Selene serves as one: selene serve)"));
        }

        var profiles = new List<SchedulerProfile>();
        if (ManifestDocument.Child(root, "profiles") is YamlSequenceNode list)
        {
            for (var i = 0; i < list.Children.Count; i++)
            {
                if (reader.Profile(list.Children[i], $"profiles[{i}]", context) is { } profile)
                {
                    if (profiles.Exists(p => p.SchedulerName == profile.SchedulerName))
                    {
                        reader.Error(list.Children[i], $"profiles[{i}].schedulerName", $"two profiles are named {profile.SchedulerName}");
                    }

                    profiles.Add(profile);
                }
            }
        }
        else if (ManifestDocument.Child(root, "profiles") is { } notList)
        {
            reader.Error(notList, "profiles", "expected a list of profiles");
        }

        if (profiles.Count == 0)
        {
            profiles.Add(PluginRegistry.DefaultProfile(context));
        }

        return diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error) > errors
            ? null
            : new SchedulerConfiguration(percentage, TimeSpan.FromSeconds(initial), TimeSpan.FromSeconds(max), profiles);
    }

    private sealed class Reader(ManifestDocument document, List<InputDiagnostic> diagnostics)
    {
        public void Error(YamlNode node, string path, string message) =>
            diagnostics.Add(InputDiagnostic.Error(document.File, (int)node.Start.Line, (int)node.Start.Column, path, message));

        public void OnlyKeys(YamlMappingNode map, string path, params string[] keys)
        {
            foreach (var (key, _) in map.Children)
            {
                var name = (key as YamlScalarNode)?.Value ?? "";
                if (!keys.Contains(name))
                {
                    Error(key, Join(path, name), $"unknown field; fields here are {string.Join(", ", keys.Where(k => k is not ("apiVersion" or "kind")))}");
                }
            }
        }

        public int? Integer(YamlMappingNode map, string key, string path, int min, int max)
        {
            if (ManifestDocument.Child(map, key) is not { } node)
            {
                return null;
            }

            if (node is YamlScalarNode { Value: var text } && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }

            Error(node, Join(path, key), $"expected a whole number from {min} to {max}");
            return null;
        }

        public SchedulerProfile? Profile(YamlNode node, string path, PluginContext context)
        {
            if (node is not YamlMappingNode map)
            {
                Error(node, path, "expected a profile mapping");
                return null;
            }

            OnlyKeys(map, path, "schedulerName", "percentageOfNodesToScore", "plugins", "pluginConfig");
            var name = (ManifestDocument.Child(map, "schedulerName") as YamlScalarNode)?.Value ?? "default-scheduler";
            var percentage = Integer(map, "percentageOfNodesToScore", path, 0, 100);
            var arguments = new Dictionary<string, PluginArguments>(StringComparer.Ordinal);
            if (ManifestDocument.Child(map, "pluginConfig") is YamlSequenceNode configs)
            {
                for (var i = 0; i < configs.Children.Count; i++)
                {
                    PluginConfig(configs.Children[i], $"{path}.pluginConfig[{i}]", arguments);
                }
            }

            // Start from the defaults (the multiPoint set), then apply disabled and enabled lists.
            var order = PluginRegistry.All.Select(e => e.Name).ToList();
            var weights = PluginRegistry.All.ToDictionary(e => e.Name, e => e.Weight, StringComparer.Ordinal);
            var disabled = new HashSet<string>(StringComparer.Ordinal);
            var enabledAt = new HashSet<string>(StringComparer.Ordinal);
            if (ManifestDocument.Child(map, "plugins") is YamlMappingNode plugins)
            {
                foreach (var (key, value) in plugins.Children)
                {
                    var point = (key as YamlScalarNode)?.Value ?? "";
                    var pointPath = $"{path}.plugins.{point}";
                    if (!s_points.Contains(point))
                    {
                        Error(key, pointPath, $"unknown extension point; points are {string.Join(", ", s_points)}");
                        continue;
                    }

                    if (value is not YamlMappingNode sets)
                    {
                        Error(value, pointPath, "expected enabled and disabled lists");
                        continue;
                    }

                    OnlyKeys(sets, pointPath, "enabled", "disabled");
                    foreach (var (entry, entryPath) in Entries(sets, "disabled", pointPath))
                    {
                        var plugin = PluginName(entry, entryPath, allowStar: true);
                        if (plugin is not null)
                        {
                            disabled.Add($"{point}/{plugin}");
                        }
                    }

                    foreach (var (entry, entryPath) in Entries(sets, "enabled", pointPath))
                    {
                        if (PluginName(entry, entryPath, allowStar: false) is not { } plugin)
                        {
                            continue;
                        }

                        var weight = Integer(entry, "weight", entryPath, 0, 1_000_000);
                        if (weight is > 0)
                        {
                            weights[plugin] = weight.Value;
                        }

                        if (!order.Contains(plugin))
                        {
                            order.Add(plugin);
                        }

                        if (point == "multiPoint")
                        {
                            disabled.Remove($"multiPoint/{plugin}");
                        }
                        else
                        {
                            enabledAt.Add($"{point}/{plugin}");
                        }
                    }
                }
            }
            else if (ManifestDocument.Child(map, "plugins") is { } notMap)
            {
                Error(notMap, $"{path}.plugins", "expected a mapping of extension points");
            }

            var built = order.Select(n => (Plugin: PluginRegistry.Find(n)!.Create(context, arguments.GetValueOrDefault(n, PluginArguments.None)), Weight: weights[n])).ToList();
            bool On(string point, IPlugin plugin)
            {
                if (enabledAt.Contains($"{point}/{plugin.Name}"))
                {
                    return true;
                }

                var inMultiPoint = !disabled.Contains($"multiPoint/{plugin.Name}") && !disabled.Contains("multiPoint/*");
                return inMultiPoint && !disabled.Contains($"{point}/{plugin.Name}") && !disabled.Contains($"{point}/*");
            }

            return new SchedulerProfile(name, built, On, percentage);
        }

        private IEnumerable<(YamlMappingNode Entry, string Path)> Entries(YamlMappingNode sets, string key, string path)
        {
            if (ManifestDocument.Child(sets, key) is not { } node)
            {
                yield break;
            }

            if (node is not YamlSequenceNode list)
            {
                Error(node, $"{path}.{key}", "expected a list of {name, weight}");
                yield break;
            }

            for (var i = 0; i < list.Children.Count; i++)
            {
                if (list.Children[i] is YamlMappingNode entry)
                {
                    OnlyKeys(entry, $"{path}.{key}[{i}]", "name", "weight");
                    yield return (entry, $"{path}.{key}[{i}]");
                }
                else
                {
                    Error(list.Children[i], $"{path}.{key}[{i}]", "expected {name, weight}");
                }
            }
        }

        private string? PluginName(YamlMappingNode entry, string path, bool allowStar)
        {
            var name = (ManifestDocument.Child(entry, "name") as YamlScalarNode)?.Value;
            if ((allowStar && name == "*") || (name is not null && PluginRegistry.Find(name) is not null))
            {
                return name;
            }

            Error(entry, $"{path}.name", $"unknown plugin '{name}'; plugins are {string.Join(", ", PluginRegistry.All.Select(e => e.Name))}");
            return null;
        }

        private void PluginConfig(YamlNode node, string path, Dictionary<string, PluginArguments> arguments)
        {
            if (node is not YamlMappingNode map)
            {
                Error(node, path, "expected {name, args}");
                return;
            }

            OnlyKeys(map, path, "name", "args");
            var name = (ManifestDocument.Child(map, "name") as YamlScalarNode)?.Value ?? "";
            var args = ManifestDocument.Child(map, "args") as YamlMappingNode ?? new YamlMappingNode();
            var argsPath = $"{path}.args";
            switch (name)
            {
                case nameof(NodeResourcesFit):
                    OnlyKeys(args, argsPath, "scoringStrategy", "ignoredResources", "ignoredResourceGroups");
                    if (ManifestDocument.Child(args, "scoringStrategy") is YamlMappingNode strategy)
                    {
                        arguments[name] = new PluginArguments(ScoringStrategy: Strategy(strategy, $"{argsPath}.scoringStrategy"));
                    }

                    break;
                case nameof(NodeResourcesBalancedAllocation):
                    OnlyKeys(args, argsPath, "resources");
                    arguments[name] = new PluginArguments(BalancedResources: Resources(args, argsPath) ?? ScoringStrategy.Default.Resources);
                    break;
                case nameof(EnergyCost):
                    OnlyKeys(args, argsPath, "sunlight", "grid", "storage");
                    var defaults = EnergyPrices.Default;
                    arguments[name] = new PluginArguments(EnergyPrices: new EnergyPrices(
                        Price(args, "sunlight", argsPath) ?? defaults.Sunlight, Price(args, "grid", argsPath) ?? defaults.Grid, Price(args, "storage", argsPath) ?? defaults.Storage));
                    break;
                default:
                    if (PluginRegistry.Find(name) is null)
                    {
                        Error(map, $"{path}.name", $"unknown plugin '{name}'");
                    }
                    else if (args.Children.Count > 0)
                    {
                        Error(args, argsPath, $"{name} takes no arguments in Selene");
                    }

                    break;
            }
        }

        private ScoringStrategy Strategy(YamlMappingNode map, string path)
        {
            OnlyKeys(map, path, "type", "resources", "requestedToCapacityRatio");
            var type = ScoringStrategyType.LeastAllocated;
            if (ManifestDocument.Child(map, "type") is YamlScalarNode { Value: var text } typeNode && !Enum.TryParse(text, ignoreCase: false, out type))
            {
                Error(typeNode, $"{path}.type", "expected LeastAllocated, MostAllocated or RequestedToCapacityRatio");
            }

            var shape = ScoringStrategy.Default.Shape;
            if (ManifestDocument.Child(map, "requestedToCapacityRatio") is YamlMappingNode ratio && ManifestDocument.Child(ratio, "shape") is YamlSequenceNode points)
            {
                var list = new List<ShapePoint>();
                for (var i = 0; i < points.Children.Count; i++)
                {
                    var pointPath = $"{path}.requestedToCapacityRatio.shape[{i}]";
                    if (points.Children[i] is YamlMappingNode point && Integer(point, "utilization", pointPath, 0, 100) is { } u && Integer(point, "score", pointPath, 0, 10) is { } s)
                    {
                        if (list.Count > 0 && u <= list[^1].Utilization)
                        {
                            Error(point, pointPath, "utilization must increase from point to point");
                        }

                        list.Add(new ShapePoint(u, s));
                    }
                    else
                    {
                        Error(points.Children[i], pointPath, "expected {utilization: 0–100, score: 0–10}");
                    }
                }

                shape = list;
            }
            else if (type == ScoringStrategyType.RequestedToCapacityRatio)
            {
                Error(map, $"{path}.requestedToCapacityRatio", "RequestedToCapacityRatio needs a shape");
            }

            return new ScoringStrategy { Type = type, Resources = Resources(map, path) ?? ScoringStrategy.Default.Resources, Shape = shape };
        }

        private List<ResourceWeight>? Resources(YamlMappingNode map, string path)
        {
            if (ManifestDocument.Child(map, "resources") is not YamlSequenceNode list)
            {
                return null;
            }

            var resources = new List<ResourceWeight>();
            for (var i = 0; i < list.Children.Count; i++)
            {
                var entryPath = $"{path}.resources[{i}]";
                if (list.Children[i] is YamlMappingNode entry && (ManifestDocument.Child(entry, "name") as YamlScalarNode)?.Value is { Length: > 0 } name)
                {
                    resources.Add(new ResourceWeight(name, Integer(entry, "weight", entryPath, 1, 100) ?? 1));
                }
                else
                {
                    Error(list.Children[i], entryPath, "expected {name, weight}");
                }
            }

            return resources;
        }

        private double? Price(YamlMappingNode map, string key, string path)
        {
            if (ManifestDocument.Child(map, key) is not { } node)
            {
                return null;
            }

            if (node is YamlScalarNode { Value: var text } && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0)
            {
                return value;
            }

            Error(node, Join(path, key), "expected a price of zero or more");
            return null;
        }

        private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
    }
}
