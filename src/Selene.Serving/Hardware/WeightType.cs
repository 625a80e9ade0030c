namespace Selene.Serving.Hardware;

/// <summary>How a model's weights (and its KV cache) are stored and multiplied.</summary>
public enum WeightType
{
    /// <summary>16-bit brain floating point: 2 bytes per weight and per KV element.</summary>
    Bf16,

    /// <summary>8-bit floating point weights and KV cache: 1 byte each, at the GPU's FP8 peak.</summary>
    Fp8,
}

/// <summary>Bytes and names of <see cref="WeightType"/>.</summary>
public static class WeightTypes
{
    /// <summary>Bytes per weight or per KV element.</summary>
    public static double Bytes(this WeightType type) => type == WeightType.Fp8 ? 1 : 2;

    /// <summary>The name scenarios and the command line use: <c>bf16</c> or <c>fp8</c>.</summary>
    public static string Name(this WeightType type) => type == WeightType.Fp8 ? "fp8" : "bf16";

    /// <summary>Reads <c>bf16</c> (or <c>fp16</c>) and <c>fp8</c>.</summary>
    public static bool TryParse(string? text, out WeightType type)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "bf16":
            case "fp16":
                type = WeightType.Bf16;
                return true;
            case "fp8":
                type = WeightType.Fp8;
                return true;
            default:
                type = WeightType.Bf16;
                return false;
        }
    }
}
