using k8s.Models;
using Selene.Simulation.Randomness;

namespace Selene.Simulation.Scenarios;

/// <summary>
/// Reads a scenario's tenants: class, priority, objectives, arrivals and their tokens, whole-request service times,
/// the ONNX model of a split, or the model and engine that serve tokens with its replicas, and tolerations.
/// </summary>
/// <param name="File">The scenario file, for paths relative to it.</param>
/// <param name="GpuTypes">The scenario's GPU types.</param>
/// <param name="Models">Models the scenario defines beside the built-in table.</param>
/// <param name="MostGpusPerNode">The most GPUs a node of each GPU type has, initial nodes and launched ones alike.</param>
internal sealed record TenantSpecReader(string File, IReadOnlyList<GpuTypeSpec> GpuTypes, IReadOnlyList<Selene.Serving.Models.ModelProfile> Models, IReadOnlyDictionary<string, int> MostGpusPerNode)
{
    /// <summary>Reads one entry of <c>tenants</c>.</summary>
    public TenantSpec Read(YamlFields fields)
    {
        var name = fields.String("name", required: true) ?? "";
        var workloadClass = fields.Enum<WorkloadClass>("class", required: true) ?? WorkloadClass.Interactive;
        var priority = (int)(fields.Integer("priority", -1_000_000, 1_000_000) ?? 0);
        var sloFields = fields.Map("slo");
        var budget = fields.Duration("budget", required: sloFields is null);
        var slo = TenantReader.ReadSlo(sloFields, budget);
        var arrivalFields = fields.Map("arrivals", required: true);
        var arrivals = TenantReader.ReadArrivals(arrivalFields, File);
        var tokens = TenantReader.ReadTokens(arrivalFields, File);
        arrivalFields?.RejectUnknown();
        var requestBytes = fields.Bytes("requestBytes") ?? 0;
        var replyBytes = fields.Bytes("replyBytes") ?? 0;
        var model = fields.Map("model") is { } modelFields ? ReadModel(modelFields) : null;
        // Whole requests: service times per GPU type, or a split model's, which its plan works out.
        var wholeRequests = fields.Has("service") || fields.Has("model");
        var servingFields = fields.Map("serving");
        var serving = servingFields is null ? ServingSpec.WholeRequests(new ReplicaSpec(1, 1, 1, AutoscaleMetric.Queue, double.NaN))
            : TenantReader.ReadServing(servingFields, Models, wholeRequests);
        var service = new Dictionary<string, IContinuousDistribution>(StringComparer.Ordinal);
        if (model is not null && fields.Has("service"))
        {
            fields.Error("service", "a tenant with a model takes its service times from the model's split plan; leave 'service' out");
        }

        // A diffusion model's requests are whole images; a language model's carry tokens, from arrivals.tokens or the trace.
        var tokenSource = serving?.Model?.Kind == Selene.Serving.Models.ModelKind.Diffusion ? WholeRequests.Instance
            : tokens ?? (arrivals.Trace is { } trace ? new TraceTokens(trace.Trace) : null);
        if (!wholeRequests && servingFields is null)
        {
            fields.Error("service", "a tenant needs service times per GPU type ('service'), an ONNX model split across the link ('model'), or a model of the model table ('serving.model')");
        }
        else if (!wholeRequests && tokenSource is null)
        {
            fields.Error("arrivals", "a serving tenant's requests need token counts: replay a trace ('arrivals.trace') or give 'arrivals.tokens'");
        }
        else if (wholeRequests && (tokens is not null || arrivals.Trace is not null))
        {
            fields.Error("arrivals", "token counts and traces need 'serving.model' (a model and engine to serve the tokens)");
        }

        foreach (var (gpuType, keyNode, distribution) in fields.Has("service") ? fields.NamedMaps("service", required: true) : [])
        {
            if (!GpuTypes.Any(g => g.Name == gpuType))
            {
                fields.ErrorAt(keyNode, distribution.Path, $"unknown GPU type '{gpuType}'; gpuTypes lists {string.Join(", ", GpuTypes.Select(g => g.Name))}");
            }

            if (TenantReader.ReadDistribution(distribution) is { } parsed)
            {
                service[gpuType] = parsed;
            }
        }

        if (serving is not null && (model is null || servingFields is not null))
        {
            serving = serving with { GpuTypes = TenantReader.ServingTypes(servingFields ?? fields, serving, GpuTypes, MostGpusPerNode, model is null ? service.Keys : null, fields) };
        }

        var tolerations = fields.MapList("tolerations").Select(ReadToleration).ToList();
        fields.RejectUnknown();
        // The budget places and retries requests: given, or the tightest objective a request can be held to as a whole.
        var placementBudget = budget ?? (slo is null ? 1
            : double.IsFinite(slo.E2eSeconds) ? slo.E2eSeconds
            : double.IsFinite(slo.TtftSeconds) ? slo.TtftSeconds
            : 365 * 86_400.0);
        return new TenantSpec(name, workloadClass, priority, placementBudget, arrivals, requestBytes, replyBytes, service, tolerations, model,
            Serving: serving, Slo: slo,
            Tokens: wholeRequests ? null : tokenSource);
    }

    private SplitModelSpec? ReadModel(YamlFields fields)
    {
        var name = fields.String("name", required: true) ?? "";
        var prefixDevice = fields.String("prefixDevice") ?? "l40s";
        var codecs = new List<Selene.Inference.Runtime.TensorCodec>();
        foreach (var codec in fields.Has("codecs") ? fields.ScalarList("codecs") : ["none", "lz4", "zstd"])
        {
            if (Selene.Inference.Runtime.TensorCodecs.TryParse(codec, out var parsed))
            {
                codecs.Add(parsed);
            }
            else
            {
                fields.Error("codecs", $"unknown codec '{codec}'; expected none, lz4, zstd, fp16, int8");
            }
        }

        fields.RejectUnknown();
        try
        {
            if (Selene.Inference.Planning.DeviceClass.Parse(prefixDevice).SpeedRatio is not null)
            {
                fields.Error("prefixDevice", "the simulation plans with roofline devices only (l40s, a100, h100, h200, orin), so its results do not depend on this machine");
            }
        }
        catch (ArgumentException e)
        {
            fields.Error("prefixDevice", e.Message);
        }

        var path = Selene.Inference.Models.BuiltInModels.Names.Contains(name, StringComparer.OrdinalIgnoreCase) ? name
            : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(File)) ?? ".", name));
        try
        {
            Selene.Inference.Graph.OnnxGraph.Load(Selene.Inference.Models.BuiltInModels.Resolve(path));
        }
        catch (Exception e) when (e is Selene.Inference.Graph.ModelFormatException or FileNotFoundException)
        {
            fields.Error("name", e.Message);
            return null;
        }

        return new SplitModelSpec(path, prefixDevice, codecs);
    }

    private static V1Toleration ReadToleration(YamlFields fields)
    {
        var toleration = new V1Toleration
        {
            Key = fields.String("key"),
            OperatorProperty = fields.String("operator") ?? "Equal",
            Value = fields.String("value"),
            Effect = fields.String("effect"),
            TolerationSeconds = fields.Integer("tolerationSeconds", 0),
        };
        if (toleration.OperatorProperty is not ("Equal" or "Exists"))
        {
            fields.Error("operator", $"expected Equal or Exists, got '{toleration.OperatorProperty}'");
        }
        else if (toleration.OperatorProperty == "Exists" && !string.IsNullOrEmpty(toleration.Value))
        {
            fields.Error("value", "must be empty when operator is Exists");
        }
        else if (toleration.OperatorProperty == "Equal" && string.IsNullOrEmpty(toleration.Key))
        {
            fields.Error("operator", "an empty key needs operator Exists");
        }

        if (toleration.Effect is not (null or "" or "NoSchedule" or "PreferNoSchedule" or "NoExecute"))
        {
            fields.Error("effect", $"expected NoSchedule, PreferNoSchedule or NoExecute, got '{toleration.Effect}'");
        }

        fields.RejectUnknown();
        return toleration;
    }
}
