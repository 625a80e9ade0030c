using System.ComponentModel;
using Selene.Core.Time;
using Selene.Serving.Hardware;
using Selene.Serving.Models;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Selene.Cli.Commands;

/// <summary>Arguments of <c>selene engine</c>.</summary>
internal sealed class EngineSettings : CommandSettings
{
    [CommandOption("--model <NAME>")]
    [Description("Model from the model table: llama-3.1-8b, llama-3.1-70b, llama-2-70b, llama-2-7b, mixtral-8x7b.")]
    public string? Model { get; init; }

    [CommandOption("--gpu <TYPE>")]
    [Description("GPU type: H100, H200, B200, A100, L40S.")]
    public string? Gpu { get; init; }

    [CommandOption("--tp <N>")]
    [Description("Tensor parallelism: GPUs per replica. Default 1.")]
    public int TensorParallel { get; init; } = 1;

    [CommandOption("--dtype <TYPE>")]
    [Description("Weights and KV cache: bf16 (default) or fp8.")]
    public string Dtype { get; init; } = "bf16";

    [CommandOption("--prompt <TOKENS>")]
    [Description("Prompt tokens per request. Default 1024.")]
    public int Prompt { get; init; } = 1024;

    [CommandOption("--output <TOKENS>")]
    [Description("Output tokens per request. Default 256.")]
    public int Output { get; init; } = 256;

    [CommandOption("--batch <N>")]
    [Description("Run one static batch of N requests.")]
    public int? Batch { get; init; }

    [CommandOption("--concurrency <N>")]
    [Description("Closed loop: N clients, each sending its next request when the last ends; the steady state is reported.")]
    public int? Concurrency { get; init; }

    [CommandOption("--trace <FILE>")]
    [Description("With --slo: find the highest rate one replica sustains on this trace (a CSV, or azure-conv-2023 / azure-code-2023).")]
    public string? Trace { get; init; }

    [CommandOption("--slo <OBJECTIVES>")]
    [Description("Objectives for --trace, e.g. ttft=2s,tpot=100ms; 99% of requests must meet both.")]
    public string? Slo { get; init; }

    [CommandOption("--engine-profile <NAME>")]
    [Description("Engine profile whose efficiencies apply. Default vllm.")]
    public string EngineProfile { get; init; } = "vllm";

    [CommandOption("--max-num-seqs <N>")]
    [Description("Sequences running at once. Default: vLLM's for the GPU's memory.")]
    public int? MaxNumSeqs { get; init; }

    [CommandOption("--max-num-batched-tokens <N>")]
    [Description("Tokens per step. Default: vLLM's for the GPU's memory.")]
    public int? MaxNumBatchedTokens { get; init; }

    [CommandOption("--json")]
    [Description("Print the result as JSON.")]
    public bool Json { get; init; }

    /// <summary>The objectives <see cref="Slo"/> names: (ttft, tpot) seconds, +∞ where unset.</summary>
    public (double Ttft, double Tpot) Objectives()
    {
        var ttft = double.PositiveInfinity;
        var tpot = double.PositiveInfinity;
        foreach (var part in (Slo ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length == 2 && DurationText.TryParseSeconds(pair[1], out var seconds) && seconds > 0)
            {
                switch (pair[0].ToLowerInvariant())
                {
                    case "ttft":
                        ttft = seconds;
                        continue;
                    case "tpot":
                        tpot = seconds;
                        continue;
                }
            }

            throw new FormatException($"--slo: '{part}' is not ttft=DURATION or tpot=DURATION");
        }

        return (ttft, tpot);
    }

    public override ValidationResult Validate()
    {
        if (ModelTable.Find(Model) is not { Kind: ModelKind.Llm })
        {
            return ValidationResult.Error($"--model: expected one of {string.Join(", ", ModelTable.All.Where(m => m.Kind == ModelKind.Llm).Select(m => m.Name))}");
        }

        if (GpuTable.Find(Gpu) is null)
        {
            return ValidationResult.Error($"--gpu: expected one of {GpuTable.Names}");
        }

        if (TensorParallel is < 1 or > 64)
        {
            return ValidationResult.Error("--tp: expected 1 to 64 GPUs");
        }

        if (!WeightTypes.TryParse(Dtype, out _))
        {
            return ValidationResult.Error("--dtype: expected bf16 or fp8");
        }

        if (EngineProfiles.Find(EngineProfile) is null)
        {
            return ValidationResult.Error($"--engine-profile: expected one of {EngineProfiles.Names}");
        }

        if (Prompt is < 1 or > 1_000_000 || Output is < 1 or > 1_000_000)
        {
            return ValidationResult.Error("--prompt and --output: expected 1 to 1,000,000 tokens");
        }

        if ((Batch is null) == (Concurrency is null) && Trace is null)
        {
            return ValidationResult.Error("give one of --batch N (a static batch) or --concurrency N (a closed loop), or --trace with --slo");
        }

        if (Batch is < 1 or > 100_000 || Concurrency is < 1 or > 100_000)
        {
            return ValidationResult.Error("--batch and --concurrency: expected 1 to 100,000 requests");
        }

        if ((Trace is null) != (Slo is null))
        {
            return ValidationResult.Error("--trace and --slo go together: the highest rate within the objectives on that trace");
        }

        if (MaxNumBatchedTokens is < 16 or > 10_000_000)
        {
            return ValidationResult.Error("--max-num-batched-tokens: expected at least the KV block size, 16 tokens");
        }

        if (MaxNumSeqs is < 1 or > 1_000_000)
        {
            return ValidationResult.Error("--max-num-seqs: expected 1 to 1,000,000");
        }

        try
        {
            Objectives();
        }
        catch (FormatException e)
        {
            return ValidationResult.Error(e.Message);
        }

        return ValidationResult.Success();
    }
}
