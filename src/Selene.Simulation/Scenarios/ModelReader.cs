using Selene.Serving.Hardware;
using Selene.Serving.Models;

namespace Selene.Simulation.Scenarios;

/// <summary>Reads a scenario's <c>models</c>: models it defines beside the built-in table, for its tenants' <c>serving.model</c>.</summary>
internal static class ModelReader
{
    /// <summary>Reads one model; null when something is wrong (every problem is reported).</summary>
    public static ModelProfile? Read(YamlFields fields)
    {
        var name = fields.String("name", required: true) ?? "";
        if (ModelTable.Find(name) is not null)
        {
            fields.Error("name", $"'{name}' is a built-in model; give yours another name");
        }

        var kind = fields.String("kind") ?? "llm";
        if (kind is not ("llm" or "diffusion"))
        {
            fields.Error("kind", $"expected llm or diffusion, got '{kind}'");
        }

        var parameters = fields.Number("parameters", 1e6, 1e14, required: true) ?? 1e9;
        var weights = TenantReader.ReadWeights(fields, WeightType.Bf16);

        if (kind == "diffusion")
        {
            var steps = (int)(fields.Integer("steps", 1, 10_000, required: true) ?? 1);
            var stepFlops = fields.Number("stepFlopsPerImage", 1e6, 1e18, required: true) ?? 1e12;
            fields.RejectUnknown();
            return new ModelProfile(name, ModelKind.Diffusion, parameters, parameters, 0, 0, 0, 0, 0, 0, 0, 0, weights, steps, stepFlops, "scenario");
        }

        var active = fields.Number("activeParameters", 1e6, 1e14) ?? parameters;
        var layers = (int)(fields.Integer("layers", 1, 10_000, required: true) ?? 1);
        var hidden = (int)(fields.Integer("hiddenSize", 1, 1_000_000, required: true) ?? 1);
        var heads = (int)(fields.Integer("attentionHeads", 1, 10_000, required: true) ?? 1);
        var kvHeads = (int)(fields.Integer("kvHeads", 1, 10_000) ?? heads);
        var headDim = (int)(fields.Integer("headDimension", 1, 100_000) ?? Math.Max(1, hidden / heads));
        var experts = (int)(fields.Integer("experts", 0, 10_000) ?? 0);
        var perToken = (int)(fields.Integer("expertsPerToken", 0, 10_000) ?? 0);
        var expertParameters = fields.Number("expertParameters", 0, 1e14) ?? 0;
        fields.RejectUnknown();
        var ok = true;
        if (active > parameters)
        {
            fields.Error("activeParameters", "a token cannot use more weights than the model has");
            ok = false;
        }

        if (kvHeads > heads || heads % kvHeads != 0)
        {
            fields.Error("kvHeads", $"expected a divisor of attentionHeads ({heads})");
            ok = false;
        }

        if (experts > 0 && (perToken < 1 || perToken > experts || expertParameters <= 0 || expertParameters >= parameters))
        {
            fields.Error("experts", "a mixture of experts needs expertsPerToken (1 to experts) and expertParameters (the experts' share of parameters)");
            ok = false;
        }

        return ok ? new ModelProfile(name, ModelKind.Llm, parameters, active, layers, hidden, heads, kvHeads, headDim, experts, perToken, expertParameters, weights, 0, 0, "scenario") : null;
    }
}
