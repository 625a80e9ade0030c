using System.Globalization;
using Selene.Cluster.Manifests;
using Selene.Core.Errors;
using Selene.Core.Yaml;
using Selene.Power.Control;
using YamlDotNet.RepresentationModel;

namespace Selene.Simulation.Scenarios;

/// <summary>
/// Reads and validates scenario YAML. Unknown keys, wrong types, out-of-range values and missing references
/// are all reported, each with file, line and key, in one <see cref="InputException"/>.
/// </summary>
public static class ScenarioLoader
{
    /// <summary>Loads a scenario file; manifests it names are read relative to its folder.</summary>
    /// <param name="path">The file.</param>
    /// <param name="option">The option or argument that named it, for diagnostics about the file as a whole.</param>
    public static Scenario LoadFile(string path, string option = "SCENARIO")
    {
        ArgumentNullException.ThrowIfNull(path);
        var yaml = InputFile.ReadText(path, option, "cannot read the scenario");

        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".";
        return Parse(yaml, path, relative =>
        {
            var full = System.IO.Path.Combine(folder, relative);
            return File.Exists(full) ? (InputFile.ReadText(full, "nodes.manifest", "cannot read the manifest"), System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path) ?? "", relative)) : null;
        });
    }

    /// <summary>
    /// Parses scenario text. <paramref name="readManifest"/> returns a manifest's text and the name to show
    /// for it, given the path written in the scenario, or null when there is no such file.
    /// </summary>
    public static Scenario Parse(string yaml, string file, Func<string, (string Text, string Label)?> readManifest)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(readManifest);
        var root = ParseRoot(yaml, file);
        if (root.Children.ContainsKey(new YamlScalarNode("extends")))
        {
            return ParseExtension(root, file);
        }

        var errors = new List<InputDiagnostic>();
        var warnings = new List<InputDiagnostic>();
        var top = new YamlFields(root, "", file, errors);

        var name = top.String("name", required: true) ?? "";
        var seed = top.UnsignedInteger("seed", required: true) ?? 0;
        var duration = top.Duration("duration", required: true) ?? 0;
        var epoch = ReadEpoch(top);
        if (ScenarioTimeSpan.Problem(epoch, duration) is { } outside)
        {
            if (epoch != default)
            {
                top.Error(epoch.Year is < 1900 or > 2100 ? "epoch" : "duration", outside);
            }

            // The rest is still checked, at an epoch the ephemeris covers.
            epoch = DefaultEpoch;
        }

        var gpuTypes = top.MapList("gpuTypes", required: true).Select(ReadGpuType).ToList();
        CheckUnique(top, "gpuTypes", gpuTypes.Select(g => g.Name));
        var sites = top.MapList("sites", required: true).Select(f => SiteReader.ReadSite(f, station: false, epoch)).ToList();
        var stations = top.MapList("groundStations").Select(f => SiteReader.ReadSite(f, station: true, epoch)).ToList();
        var relays = RelayReader.Read(top, epoch);
        CheckUnique(top, "sites", sites.Select(s => s.Name).Concat(stations.Select(s => s.Name)).Concat(relays.Select(r => r.Name)));

        var context = new Context(file, errors, warnings, readManifest, gpuTypes, sites);
        var nodes = top.MapList("nodes", required: true).SelectMany(context.ReadNodes).ToList();
        var launches = top.MapList("launches").Select(context.ReadLaunch).OfType<LaunchSpec>().ToList();
        foreach (var (gpuType, gpus) in nodes.Select(n => (n.GpuType, n.Node.GpuCount)).Concat(launches.SelectMany(l => l.Templates.Select(t => (l.GpuType, t.GpuCount)))))
        {
            context.MostGpusPerNode[gpuType] = Math.Max(context.MostGpusPerNode.GetValueOrDefault(gpuType), gpus);
        }

        var link = SiteReader.ReadLink(top.Map("link", required: true));
        context.Models.AddRange(top.MapList("models").Select(ModelReader.Read).OfType<Selene.Serving.Models.ModelProfile>());
        CheckUnique(top, "models", context.Models.Select(m => m.Name));
        var tenants = top.MapList("tenants", required: true).Select(new TenantSpecReader(file, gpuTypes, context.Models, context.MostGpusPerNode).Read).ToList();
        var faults = top.Has("faults") ? FaultsReader.Read(top.Map("faults")) : null;
        RejectWorkloads(top);
        var webhooks = ReadWebhooks(top);
        var (power, powerPolicy) = PowerReader.Read(top, sites, nodes);
        var moderation = ReadModeration(top, tenants);
        CheckUnique(top, "tenants", tenants.Select(t => t.Name));
        CheckUnique(top, "nodes", nodes.Select(n => n.Node.Name)
            .Concat(launches.SelectMany(l => Enumerable.Range(0, l.Count * l.NodesPerLaunch).Select(i => LaunchNodeName(l, i)))));
        top.RejectUnknown();

        if (errors.Count > 0)
        {
            throw new InputException(errors);
        }

        return new Scenario(name, file, seed, duration, epoch, gpuTypes, sites, nodes, launches, link!, tenants, warnings)
        {
            GroundStations = stations,
            Relays = relays,
            Faults = faults,
            Webhooks = webhooks,
            Power = power,
            PowerPolicy = powerPolicy,
            Moderation = moderation,
        };
    }

    private static readonly string[] s_extensionKeys = ["extends", "name", "seed", "duration", "faults", "webhooks", "power", "moderation"];

    // A scenario that extends a built-in one: it may rename it, reseed it, run it longer or shorter, and set its
    // faults, webhook subscribers and power systems; sites, nodes, tenants and the link stay the built-in's.
    private static Scenario ParseExtension(YamlMappingNode root, string file)
    {
        var errors = new List<InputDiagnostic>();
        var top = new YamlFields(root, "", file, errors);
        var baseName = top.String("extends", required: true);
        Scenario? extended = null;
        if (baseName is not null && !BuiltInScenarios.Names.Contains(baseName))
        {
            top.Error("extends", $"no built-in scenario '{baseName}'; a scenario can extend {string.Join(", ", BuiltInScenarios.Names.Where(n => n != baseName))}");
        }
        else if (baseName is not null)
        {
            extended = BuiltInScenarios.Load(baseName);
        }

        var name = top.String("name");
        var seed = top.UnsignedInteger("seed");
        var duration = top.Duration("duration");
        if (duration is { } longer && extended is not null && ScenarioTimeSpan.Problem(extended.Epoch, longer) is { } outside)
        {
            top.Error("duration", outside);
        }
        var faults = top.Has("faults") ? FaultsReader.Read(top.Map("faults")) : null;
        RejectWorkloads(top);
        var webhooks = top.Has("webhooks") ? ReadWebhooks(top) : null;
        var power = top.Has("power") && extended is not null ? PowerReader.Read(top, extended.Sites, extended.Nodes) : ((IReadOnlyList<PowerSiteSpec>, PowerPolicy)?)null;
        var moderation = extended is not null ? ReadModeration(top, extended.Tenants) : null;

        foreach (var (key, _) in root.Children)
        {
            if (key is YamlScalarNode { Value: { } text } && !s_extensionKeys.Contains(text) && text != "workloads")
            {
                top.ErrorAt(key, text, $"a scenario that extends another sets only {string.Join(", ", s_extensionKeys.Skip(1))}; '{text}' comes from '{baseName}'");
            }
        }

        if (errors.Count > 0 || extended is null)
        {
            throw new InputException(errors);
        }

        return extended with
        {
            Name = name ?? extended.Name,
            Source = file,
            Seed = seed ?? extended.Seed,
            DurationSeconds = duration ?? extended.DurationSeconds,
            Faults = faults ?? extended.Faults,
            Webhooks = webhooks ?? extended.Webhooks,
            Power = power?.Item1 ?? extended.Power,
            PowerPolicy = power?.Item2 ?? extended.PowerPolicy,
            Moderation = moderation ?? extended.Moderation,
        };
    }

    // Workloads that served nothing beside per-request pods are gone: a serving tenant is its own Deployment.
    private static void RejectWorkloads(YamlFields top)
    {
        if (top.Raw("workloads") is not null)
        {
            var key = top.Node.Children.Keys.First(k => k is YamlScalarNode { Value: "workloads" });
            top.ErrorAt(key, "workloads", "the 'workloads' section is gone: each serving tenant now runs as a Deployment (or StatefulSet) of model-server replicas that the control plane keeps, set under the tenant's 'serving' (replicas: {min, max, initial}, autoscale, workload, nodeSelector); see docs/scenario.md");
        }
    }

    /// <summary>The name of the <paramref name="index"/>-th node carried by a launch series (launch-major).</summary>
    public static string LaunchNodeName(LaunchSpec launch, int index)
    {
        ArgumentNullException.ThrowIfNull(launch);
        var template = launch.Templates[index % launch.NodesPerLaunch % launch.Templates.Count];
        var flight = (index / launch.NodesPerLaunch) + 1;
        var slot = (index % launch.NodesPerLaunch) + 1;
        return string.Create(CultureInfo.InvariantCulture, $"{template.Name}-{launch.Name}-{flight}-{slot}");
    }

    private static YamlMappingNode ParseRoot(string yaml, string file)
    {
        var stream = YamlInput.Load(yaml, file);
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new InputException(InputDiagnostic.Error(file, 1, 1, "",
                "a scenario is one YAML document whose top level is a mapping (name, seed, duration, sites, ...)"));
        }

        return root;
    }

    private static readonly DateTimeOffset DefaultEpoch = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset ReadEpoch(YamlFields top)
    {
        var text = top.String("epoch");
        if (text is null)
        {
            return DefaultEpoch;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var epoch))
        {
            return epoch;
        }

        top.Error("epoch", $"expected a UTC time such as 2027-01-01T00:00:00Z, got '{text}'");
        return default;
    }

    private static GpuTypeSpec ReadGpuType(YamlFields fields)
    {
        var spec = new GpuTypeSpec(fields.String("name", required: true) ?? "", fields.String("product"));
        fields.RejectUnknown();
        return spec;
    }

    private static ModerationSpec? ReadModeration(YamlFields top, IReadOnlyList<TenantSpec> tenants)
    {
        if (top.Map("moderation") is not { } fields)
        {
            return null;
        }

        var tenant = fields.String("tenant", required: true) ?? "";
        if (fields.Has("tenant") && tenants.All(t => t.Name != tenant))
        {
            fields.Error("tenant", $"no tenant '{tenant}'; tenants are {string.Join(", ", tenants.Select(t => t.Name))}");
        }

        var block = fields.Number("blockShare", 0, 1) ?? 0.02;
        var review = fields.Number("reviewShare", 0, 1) ?? 0.05;
        if (block + review > 1)
        {
            fields.Error("reviewShare", $"blockShare and reviewShare add up to {block + review}, more than 1");
        }

        var spec = new ModerationSpec(tenant, block, review,
            (int)(fields.Integer("reviewers", 0, 10_000_000) ?? 20),
            fields.Duration("reviewTime") ?? 30,
            fields.Duration("deadline") ?? 86_400,
            fields.Duration("filterTimePerItem") ?? 0.0277,
            (int)(fields.Integer("framesPerVideo", 1, 100_000) ?? 8),
            fields.Number("videosPerDay", 0, 1e13) ?? 50e6,
            fields.Number("reviewerHoursPerDay", 0.5, 24) ?? 8);
        fields.RejectUnknown();
        return spec;
    }

    private static List<WebhookSubscriberSpec> ReadWebhooks(YamlFields top)
    {
        var subscribers = new List<WebhookSubscriberSpec>();
        foreach (var fields in top.MapList("webhooks"))
        {
            var name = fields.String("name", required: true) ?? "";
            var filter = fields.String("filter") ?? "*";
            if (!Webhooks.DeliveryPolicy.IsFilter(filter))
            {
                fields.Error("filter", $"'{filter}' is not {Webhooks.DeliveryPolicy.FilterForms}");
            }

            var outages = new OutageSpec(0, 0);
            if (fields.Map("outages") is { } outageFields)
            {
                var perDay = outageFields.Number("perDay", 0) ?? 0;
                outages = new OutageSpec(perDay, outageFields.Duration("meanDuration", required: perDay > 0) ?? 0);
                outageFields.RejectUnknown();
            }

            var latency = fields.Duration("latency", min: 0, minExclusive: false) ?? 0.2;
            fields.RejectUnknown();
            subscribers.Add(new WebhookSubscriberSpec(name, filter, outages, latency));
        }

        CheckUnique(top, "webhooks", subscribers.Select(w => w.Name));
        return subscribers;
    }

    // faults: every key optional; what is left out takes FaultSpec.Default's value.
    /// <summary>Reports every name used twice under <paramref name="key"/>.</summary>
    internal static void CheckUnique(YamlFields top, string key, IEnumerable<string> names)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (name.Length > 0 && !seen.Add(name))
            {
                top.Error(key, $"name '{name}' is used twice");
            }
        }
    }

    private sealed record Context(
        string File,
        List<InputDiagnostic> Errors,
        List<InputDiagnostic> Warnings,
        Func<string, (string Text, string Label)?> ReadManifest,
        IReadOnlyList<GpuTypeSpec> GpuTypes,
        IReadOnlyList<SiteSpec> Sites)
    {
        // A manifest named twice (initial nodes and a launch's template) is read once and warns once.
        private readonly Dictionary<string, List<ClusterNode>> _manifests = new(StringComparer.Ordinal);

        public IEnumerable<NodeSpec> ReadNodes(YamlFields fields)
        {
            var site = SiteReference(fields);
            var gpuTypeOverride = GpuTypeReference(fields, "gpuType", required: false);
            var nodes = Manifest(fields);
            fields.RejectUnknown();
            foreach (var node in nodes)
            {
                if (ResolveGpuType(fields, node, gpuTypeOverride) is { } gpuType && site is not null)
                {
                    yield return new NodeSpec(node, site, gpuType);
                }
            }
        }

        public LaunchSpec? ReadLaunch(YamlFields fields)
        {
            var name = fields.String("name", required: true) ?? "";
            var site = SiteReference(fields);
            var gpuTypeOverride = GpuTypeReference(fields, "gpuType", required: false);
            var templates = Manifest(fields);
            var perLaunch = (int)(fields.Integer("nodesPerLaunch", 1, 10_000, required: true) ?? 1);
            var first = fields.Duration("at", required: true, minExclusive: false) ?? 0;
            var count = (int)(fields.Integer("count", 1, 100_000) ?? 1);
            var every = fields.Duration("every") ?? 0;
            var transit = fields.Duration("transit", required: true, minExclusive: false) ?? 0;
            var failure = fields.Number("failureProbability", 0, 1) ?? 0;
            if (count > 1 && !fields.Has("every"))
            {
                fields.Error("count", "a series of launches needs 'every' (the interval between them)");
            }

            fields.RejectUnknown();
            var gpuTypes = templates.Select(t => ResolveGpuType(fields, t, gpuTypeOverride)).Distinct().ToList();
            if (site is null || templates.Count == 0 || gpuTypes.Count != 1 || gpuTypes[0] is null)
            {
                if (templates.Count > 0 && gpuTypes.Count > 1)
                {
                    fields.Error("manifest", "every node a launch carries must have the same GPU type");
                }

                return null;
            }

            return new LaunchSpec(name, site, gpuTypes[0]!, templates, perLaunch, first, every, count, transit, failure);
        }

        /// <summary>Models the scenario defines beside the built-in table.</summary>
        public List<Selene.Serving.Models.ModelProfile> Models { get; } = [];

        /// <summary>The most GPUs a node of each GPU type has, initial nodes and launched ones alike.</summary>
        public Dictionary<string, int> MostGpusPerNode { get; } = new(StringComparer.Ordinal);

        private string? SiteReference(YamlFields fields)
        {
            var site = fields.String("site", required: true);
            if (site is not null && !Sites.Any(s => s.Name == site))
            {
                fields.Error("site", $"unknown site '{site}'; sites lists {Names(Sites.Select(s => s.Name))}");
                return null;
            }

            return site;
        }

        private string? GpuTypeReference(YamlFields fields, string key, bool required)
        {
            var gpuType = fields.String(key, required);
            if (gpuType is not null && !GpuTypes.Any(g => g.Name == gpuType))
            {
                fields.Error(key, $"unknown GPU type '{gpuType}'; gpuTypes lists {Names(GpuTypes.Select(g => g.Name))}");
                return null;
            }

            return gpuType;
        }

        private string? ResolveGpuType(YamlFields fields, ClusterNode node, string? gpuTypeOverride)
        {
            if (gpuTypeOverride is not null)
            {
                return gpuTypeOverride;
            }

            var product = node.Label(ClusterNode.GpuProductLabel);
            if (product is not null && GpuTypes.FirstOrDefault(g => g.Product == product) is { } known)
            {
                return known.Name;
            }

            if (node.GpuCount == 0)
            {
                return GpuTypes.Count > 0 ? GpuTypes[0].Name : "";
            }

            fields.Error("manifest", product is null
                ? $"node {node.Name} has no {ClusterNode.GpuProductLabel} label; set gpuType here"
                : $"node {node.Name} has GPU product '{product}', which no gpuTypes entry names; add it or set gpuType here");
            return null;
        }

        private List<ClusterNode> Manifest(YamlFields fields)
        {
            var path = fields.String("manifest", required: true);
            if (path is null)
            {
                return [];
            }

            if (_manifests.TryGetValue(path, out var cached))
            {
                return cached;
            }

            if (ReadManifest(path) is not { } manifest)
            {
                fields.Error("manifest", $"manifest file '{path}' not found (paths are relative to the scenario file)");
                return [];
            }

            try
            {
                var nodes = NodeManifestLoader.Load(manifest.Text, manifest.Label, Warnings).ToList();
                if (nodes.Count == 0)
                {
                    fields.Error("manifest", $"'{path}' holds no Node");
                }

                _manifests[path] = nodes;
                return nodes;
            }
            catch (InputException e)
            {
                Errors.AddRange(e.Errors);
                return [];
            }
        }

        private static string Names(IEnumerable<string> names) => string.Join(", ", names);
    }
}
