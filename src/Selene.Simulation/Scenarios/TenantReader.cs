using Selene.Core.Errors;
using Selene.Serving.Engine;
using Selene.Serving.Hardware;
using Selene.Serving.Models;
using Selene.Serving.Performance;
using Selene.Serving.Traces;
using Selene.Simulation.Randomness;
using YamlDotNet.RepresentationModel;

namespace Selene.Simulation.Scenarios;

/// <summary>
/// Reads the parts of a tenant that describe its work: arrivals (a process or a trace), token counts, service-time
/// distributions, its serving (model and engine) and its latency objectives.
/// </summary>
internal static class TenantReader
{
    /// <summary>Reads <c>arrivals</c>: a Poisson process with an optional daily cycle, or a trace replayed (the caller rejects unknown keys after <see cref="ReadTokens"/>).</summary>
    public static ArrivalSpec ReadArrivals(YamlFields? fields, string scenarioFile)
    {
        if (fields is null)
        {
            return new ArrivalSpec(0, 0, 0);
        }

        if (fields.Has("trace"))
        {
            var trace = ReadTrace(fields, "trace", scenarioFile);
            var scale = fields.Number("rateScale", 0, 1e6, minExclusive: true) ?? 1;
            var loop = fields.String("loop") is { } loopText && ReadBool(fields, "loop", loopText);
            var offset = fields.Duration("offset", minExclusive: false) ?? 0;
            foreach (var key in new[] { "process", "ratePerSecond", "dailyCycle", "tokens" })
            {
                if (fields.Has(key))
                {
                    fields.Error(key, "a replayed trace brings its own arrival times and tokens; leave this out");
                }
            }

            var traceSurges = ReadSurges(fields);
            return trace is null ? new ArrivalSpec(0, 0, 0)
                : new ArrivalSpec(trace.MeanRatePerSecond * scale, 0, 0, new TraceArrivalSpec(trace, scale, loop, offset)) { Surges = traceSurges };
        }

        var process = fields.String("process") ?? "poisson";
        if (process != "poisson")
        {
            fields.Error("process", $"expected 'poisson', got '{process}' (or replay a trace with 'trace')");
        }

        var rate = fields.Number("ratePerSecond", 0, required: true, minExclusive: true) ?? 1;
        var cycle = fields.Map("dailyCycle");
        var amplitude = cycle?.Number("amplitude", 0, 1, required: true) ?? 0;
        var peak = cycle?.Number("peakHourUtc", 0, 24, required: true) ?? 0;
        cycle?.RejectUnknown();
        return new ArrivalSpec(rate, amplitude, peak) { Surges = ReadSurges(fields) };
    }

    /// <summary>Reads <c>arrivals.surges</c>: <c>[{at, duration, factor}]</c>.</summary>
    private static List<ArrivalSurge> ReadSurges(YamlFields fields)
    {
        var surges = new List<ArrivalSurge>();
        foreach (var surge in fields.MapList("surges"))
        {
            var at = surge.Duration("at", required: true, minExclusive: false) ?? 0;
            var duration = surge.Duration("duration", required: true) ?? 0;
            var factor = surge.Number("factor", 0, 1e6, required: true, minExclusive: true) ?? 1;
            surge.RejectUnknown();
            surges.Add(new ArrivalSurge(at, duration, factor));
        }

        return surges;
    }

    /// <summary>Reads <c>arrivals.tokens</c>: rows of a trace, or a distribution each for prompt and output tokens.</summary>
    public static ITokenSource? ReadTokens(YamlFields? arrivals, string scenarioFile)
    {
        if (arrivals?.Map("tokens") is not { } fields)
        {
            return null;
        }

        ITokenSource? source = null;
        if (fields.Has("trace"))
        {
            source = ReadTrace(fields, "trace", scenarioFile) is { } trace ? new TraceTokens(trace) : null;
        }
        else
        {
            var prompt = fields.Map("prompt", required: true) is { } p ? ReadDistribution(p) : null;
            var output = fields.Map("output", required: true) is { } o ? ReadDistribution(o) : null;
            source = prompt is not null && output is not null ? new DistributionTokens(prompt, output) : null;
        }

        fields.RejectUnknown();
        return source;
    }

    /// <summary>
    /// Reads <c>serving</c>: the model, tensor parallelism, precision, engine profile and engine settings, or for a
    /// tenant of whole requests (<paramref name="wholeRequests"/>) only how its replicas are run.
    /// </summary>
    public static ServingSpec? ReadServing(YamlFields fields, IReadOnlyList<ModelProfile> scenarioModels, bool wholeRequests = false)
    {
        if (wholeRequests)
        {
            foreach (var key in s_modelKeys.Where(fields.Has))
            {
                fields.Error(key, $"a tenant of whole requests is served for its service times ('service', or a split 'model'); '{key}' is for a model of the model table");
            }
        }

        var modelName = wholeRequests ? null : fields.String("model", required: true);
        var model = modelName is null ? null : ModelTable.Find(modelName) ?? scenarioModels.FirstOrDefault(m => m.Name == modelName);
        if (modelName is not null && model is null)
        {
            var defined = scenarioModels.Count > 0 ? $", the scenario's models {string.Join(", ", scenarioModels.Select(m => m.Name))}" : "";
            fields.Error("model", $"unknown model '{modelName}'; the model table has {ModelTable.Names}{defined} (an ONNX model split across the link is a tenant's 'model:', not 'serving.model')");
        }

        var tp = (int)(fields.Integer("tensorParallel", 1, 64) ?? 1);
        var weights = ReadWeights(fields, model?.DefaultWeights ?? WeightType.Bf16);

        var engineName = fields.String("engine") ?? "vllm";
        var engine = EngineProfiles.Find(engineName);
        if (engine is null)
        {
            fields.Error("engine", $"unknown engine profile '{engineName}'; built in: {EngineProfiles.Names}");
        }

        var batched = (int?)fields.Integer("maxNumBatchedTokens", 1, 10_000_000);
        if (batched is < EngineConfig.DefaultBlockSize)
        {
            fields.Error("maxNumBatchedTokens", $"must be at least the KV block size ({EngineConfig.DefaultBlockSize} tokens)");
        }

        var seqs = (int?)fields.Integer("maxNumSeqs", 1, 1_000_000);
        var utilisation = fields.Number("gpuMemoryUtilization", 0, 1, minExclusive: true) ?? 0.9;
        var images = (int)(fields.Integer("maxBatchImages", 1, 1024) ?? 8);
        var gpuTypes = fields.Has("gpuTypes") ? fields.ScalarList("gpuTypes") : null;
        var replicas = fields.Raw("replicas") is YamlScalarNode
            ? FixedReplicas(fields)
            : ReadReplicas(fields.Map("replicas"), fields.Map("autoscale"));
        var load = fields.Duration("loadTime", minExclusive: false)
            ?? (model is null ? 0 : DefaultLoadSeconds(model.WeightBytes(weights) / tp));
        var criticality = fields.Enum<Criticality>("criticality") ?? Criticality.Standard;
        var workload = fields.Enum<WorkloadKind>("workload") ?? WorkloadKind.Deployment;
        var selector = fields.StringMap("nodeSelector");
        fields.RejectUnknown();
        return (model is null && !wholeRequests) || engine is null || replicas is null ? null
            : new ServingSpec(model, tp, weights, engine, batched, seqs, utilisation, images, replicas, load)
            {
                GpuTypes = gpuTypes,
                Criticality = criticality,
                Workload = workload,
                NodeSelector = selector,
            };
    }

    private static readonly string[] s_modelKeys = ["model", "weights", "engine", "maxNumBatchedTokens", "maxNumSeqs", "gpuMemoryUtilization", "maxBatchImages"];

    /// <summary>
    /// The default time from a replica's pod starting to Ready: 20 s for the engine to start and capture its CUDA graphs,
    /// plus each GPU's share of the weights read from local NVMe at 2 GB/s.
    /// </summary>
    public static double DefaultLoadSeconds(double weightBytesPerGpu) => 20 + (weightBytesPerGpu / 2e9);

    /// <summary>Reads <c>replicas: N</c>, a fixed count as a Deployment's <c>spec.replicas</c> gives it (no autoscaler).</summary>
    private static ReplicaSpec? FixedReplicas(YamlFields fields)
    {
        if (fields.Raw("autoscale") is not null)
        {
            fields.Error("autoscale", "a fixed replica count has no autoscaler: give replicas: {min, max, initial} for one");
        }

        return fields.Integer("replicas", 1, 10_000) is { } count ? new ReplicaSpec((int)count, (int)count, (int)count, AutoscaleMetric.Running, double.NaN, 300) : null;
    }

    /// <summary>Reads <c>replicas: {min, max, initial}</c> and <c>autoscale: {metric, target, cooldown}</c>; one fixed replica without either.</summary>
    private static ReplicaSpec? ReadReplicas(YamlFields? fields, YamlFields? autoscale)
    {
        var min = (int)(fields?.Integer("min", 0, 10_000) ?? 1);
        var max = (int)(fields?.Integer("max", 0, 10_000) ?? Math.Max(1, min));
        var initial = (int)(fields?.Integer("initial", 0, 10_000) ?? Math.Max(min, Math.Min(max, 1)));
        fields?.RejectUnknown();
        var metric = autoscale?.Enum<AutoscaleMetric>("metric") ?? AutoscaleMetric.Running;
        var target = autoscale?.Number("target", 0, double.MaxValue, minExclusive: true, required: true) ?? double.NaN;
        var cooldown = autoscale?.Duration("cooldown", minExclusive: false) ?? 300;
        autoscale?.RejectUnknown();
        if (min > max)
        {
            fields!.Error("min", $"min ({min}) is more than max ({max})");
            return null;
        }

        if (initial < min || initial > max)
        {
            fields!.Error("initial", $"initial ({initial}) must lie within min ({min}) and max ({max})");
            return null;
        }

        if (max > min && autoscale is null)
        {
            fields!.Error("max", $"a replica count between {min} and {max} follows the load: give 'autoscale: {{metric, target}}' beside it, or min = max");
            return null;
        }

        if (max == 0)
        {
            fields!.Error("max", "a tenant needs at least one replica to serve it");
            return null;
        }

        return new ReplicaSpec(min, max, initial, metric, target, cooldown);
    }

    /// <summary>Reads <c>slo</c>: <c>ttft</c>, <c>tpot</c> and <c>e2e</c>, each a duration.</summary>
    public static SloSpec? ReadSlo(YamlFields? fields, double? budget)
    {
        if (fields is null)
        {
            return null;
        }

        var ttft = fields.Duration("ttft") ?? double.PositiveInfinity;
        var tpot = fields.Duration("tpot") ?? double.PositiveInfinity;
        var e2e = fields.Duration("e2e") ?? budget ?? double.PositiveInfinity;
        if (!fields.Has("ttft") && !fields.Has("tpot") && !fields.Has("e2e"))
        {
            fields.Error("", "an slo needs at least one of ttft, tpot and e2e");
        }

        fields.RejectUnknown();
        return new SloSpec(ttft, tpot, e2e);
    }

    /// <summary>
    /// The GPU types a tenant's replicas can run on: those of the scenario (among <c>serving.gpuTypes</c> when given)
    /// whose nodes have at least <c>tensorParallel</c> GPUs and, for a model, that are in the GPU table and whose
    /// memory holds the model; for whole requests, those it has service times for (<paramref name="serviceTypes"/>; null
    /// for a split model, whose plan times every type with a device model).
    /// </summary>
    public static List<string> ServingTypes(
        YamlFields fields, ServingSpec serving, IReadOnlyList<GpuTypeSpec> gpuTypes, IReadOnlyDictionary<string, int> mostGpusPerNode,
        IReadOnlyCollection<string>? serviceTypes = null, YamlFields? tenantFields = null)
    {
        var types = new List<string>();
        var reasons = new List<string>();
        foreach (var name in serving.GpuTypes ?? [])
        {
            if (!gpuTypes.Any(g => g.Name == name))
            {
                fields.Error("gpuTypes", $"unknown GPU type '{name}'; gpuTypes lists {string.Join(", ", gpuTypes.Select(g => g.Name))}");
            }
        }

        foreach (var type in gpuTypes.Where(g => serving.GpuTypes is null || serving.GpuTypes.Contains(g.Name)))
        {
            if (serving.Model is null && serviceTypes is not null && !serviceTypes.Contains(type.Name))
            {
                reasons.Add($"it has no service time on {type.Name}");
                continue;
            }

            if (mostGpusPerNode.GetValueOrDefault(type.Name) < serving.TensorParallel)
            {
                reasons.Add($"no {type.Name} node has {serving.TensorParallel} GPUs (the most is {mostGpusPerNode.GetValueOrDefault(type.Name)})");
                continue;
            }

            if (serving.Model is not { } model)
            {
                types.Add(type.Name);
                continue;
            }

            if (GpuTable.Find(type.Name) is not { } gpu)
            {
                reasons.Add($"{type.Name} is not in the GPU table ({GpuTable.Names})");
                continue;
            }

            var step = new StepTimeModel(model, gpu, serving.TensorParallel, serving.Weights, serving.Engine);
            if (model.Kind == ModelKind.Llm && KvCachePlan.For(step, serving.ConfigFor(gpu)).Blocks == 0)
            {
                reasons.Add($"{model.Name} ({serving.Weights.Name()}) does not fit on {serving.TensorParallel} × {type.Name}");
                continue;
            }

            types.Add(type.Name);
        }

        if (types.Count == 0 && (serviceTypes is null || serviceTypes.Count > 0 || serving.Model is not null))
        {
            var key = serving.TensorParallel > 1 && reasons.All(r => r.Contains("GPUs (the most", StringComparison.Ordinal)) ? "tensorParallel"
                : serving.GpuTypes is not null ? "gpuTypes"
                : serving.Model is null ? "service" : "model";
            (key == "service" ? tenantFields ?? fields : fields).Error(key, $"no GPU type of the scenario can serve it: {string.Join("; ", reasons)}");
        }

        return types;
    }

    /// <summary>Reads a service-time (or token-count) distribution.</summary>
    public static IContinuousDistribution? ReadDistribution(YamlFields fields)
    {
        var kind = fields.String("distribution", required: true);
        IContinuousDistribution? result = kind switch
        {
            "exponential" => fields.Duration("mean", required: true) is { } mean ? ExponentialDistribution.WithMean(mean) : null,
            "lognormal" => (fields.Duration("mean", required: true), fields.Number("cv", 0, 10, required: true)) is ({ } m, { } cv)
                ? LogNormalDistribution.FromMeanAndCv(m, cv) : null,
            "weibull" => (fields.Number("shape", 0, 100, required: true, minExclusive: true), fields.Duration("scale", required: true)) is ({ } k, { } s)
                ? new WeibullDistribution(k, s) : null,
            "constant" => fields.Duration("value", required: true) is { } v ? new ConstantDistribution(v) : null,
            "empirical" => ReadEmpirical(fields),
            null => null,
            _ => null,
        };
        if (kind is not (null or "exponential" or "lognormal" or "weibull" or "constant" or "empirical"))
        {
            fields.Error("distribution", $"expected one of exponential, lognormal, weibull, constant, empirical, got '{kind}'");
        }

        fields.RejectUnknown();
        return result;
    }

    /// <summary>Reads <c>weights</c> (bf16 or fp8), or <paramref name="otherwise"/> when it is absent or wrong (and reported).</summary>
    public static WeightType ReadWeights(YamlFields fields, WeightType otherwise)
    {
        if (fields.String("weights") is not { } text)
        {
            return otherwise;
        }

        if (WeightTypes.TryParse(text, out var weights))
        {
            return weights;
        }

        fields.Error("weights", $"expected bf16 or fp8, got '{text}'");
        return otherwise;
    }

    /// <summary>Reads <c>true</c> or <c>false</c>.</summary>
    public static bool ReadBool(YamlFields fields, string key, string text)
    {
        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        fields.Error(key, $"expected true or false, got '{text}'");
        return false;
    }

    private static LlmTrace? ReadTrace(YamlFields fields, string key, string scenarioFile)
    {
        var name = fields.String(key, required: true);
        if (name is null)
        {
            return null;
        }

        try
        {
            return TraceReader.Load(name, Path.GetDirectoryName(Path.GetFullPath(scenarioFile)) ?? ".");
        }
        catch (InputException e)
        {
            foreach (var error in e.Errors)
            {
                fields.Error(key, error.ToString());
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            fields.Error(key, $"cannot read trace '{name}': {e.Message}");
            return null;
        }
    }

    private static EmpiricalDistribution? ReadEmpirical(YamlFields fields)
    {
        var interpolate = fields.String("interpolate") is { } text && ReadBool(fields, "interpolate", text);
        var values = new List<double>();
        foreach (var text2 in fields.ScalarList("values", required: true))
        {
            if (Core.Time.DurationText.TryParseSeconds(text2, out var seconds) && seconds > 0)
            {
                values.Add(seconds);
            }
            else
            {
                fields.Error("values", $"expected positive durations, got '{text2}'");
                return null;
            }
        }

        if (values.Count < (interpolate ? 2 : 1))
        {
            fields.Error("values", interpolate ? "interpolation needs at least two values" : "needs at least one value");
            return null;
        }

        return new EmpiricalDistribution(values, interpolate);
    }
}
