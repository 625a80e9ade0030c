using System.Globalization;
using System.Text.Json;
using Selene.Core.Errors;
using Selene.Serving.Benchmarking;
using Selene.Serving.Engine;
using Selene.Serving.Hardware;
using Selene.Serving.Models;
using Selene.Serving.Performance;
using Selene.Serving.Traces;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Selene.Cli.Commands;

/// <summary>
/// <c>selene engine --model M --gpu G [--tp N] [--dtype bf16|fp8] --prompt P --output O (--batch N | --concurrency N)
/// [--trace FILE --slo ttft=2s,tpot=100ms] [--json]</c>: one replica's TTFT, inter-token latency, end-to-end
/// latency and throughput from the performance model run through the engine, with its KV capacity and which
/// roofline holds each phase; with a trace, the highest rate it sustains within the objectives.
/// </summary>
internal sealed class EngineCommand(CliConsoles consoles) : Command<EngineSettings>
{
    public override int Execute(CommandContext context, EngineSettings settings, CancellationToken cancellationToken)
    {
        var weights = WeightTypes.TryParse(settings.Dtype, out var parsed) ? parsed : WeightType.Bf16;
        var gpu = GpuTable.Find(settings.Gpu)!;
        var model = new StepTimeModel(ModelTable.Find(settings.Model)!, gpu, settings.TensorParallel, weights, EngineProfiles.Find(settings.EngineProfile)!);
        var defaults = EngineConfig.DefaultFor(gpu);
        var config = new EngineConfig(settings.MaxNumBatchedTokens ?? defaults.MaxNumBatchedTokens, settings.MaxNumSeqs ?? defaults.MaxNumSeqs);
        var plan = KvCachePlan.For(model, config);
        if (plan.Blocks == 0)
        {
            throw new InputException(InputDiagnostic.Error("<command line>", 0, 0, "--tp",
                string.Create(CultureInfo.InvariantCulture, $"{model.Model.Name} at {weights.Name()} needs {model.Model.WeightBytes(weights) / 1e9:0.#} GB of weights: it does not fit on {settings.TensorParallel} × {gpu.Name} ({gpu.MemoryGigabytes:0} GB each at {config.GpuMemoryUtilization:P0})")));
        }

        EngineReport report;
        try
        {
            var clients = settings.Batch ?? settings.Concurrency ?? 1;
            report = EngineCalculator.Run(model, config, settings.Prompt, settings.Output, clients, settings.Concurrency is not null);
        }
        catch (ArgumentException e)
        {
            throw new InputException(InputDiagnostic.Error("<command line>", 0, 0, "--prompt", e.Message));
        }

        if (settings.Trace is { } traceName)
        {
            var trace = TraceReader.Load(traceName, Directory.GetCurrentDirectory());
            var (ttft, tpot) = settings.Objectives();
            report = report with { Capacity = EngineCalculator.Capacity(model, config, trace, ttft, tpot) };
        }

        if (settings.Json)
        {
            consoles.RawOut.Write(JsonSerializer.Serialize(report, CliJson.Options) + "\n");
            return SeleneApp.Success;
        }

        var table = new Table().AddColumns("", "");
        table.AddRow("replica", Markup.Escape($"{report.Model} ({report.Dtype}) on {report.TensorParallel} × {report.Gpu}, engine profile {report.EngineProfile}"));
        table.AddRow("load", Markup.Escape(report.Mode == "batch"
            ? $"one batch of {report.Clients} requests of {report.PromptTokens} + {report.OutputTokens} tokens"
            : $"{report.Clients} clients in a closed loop, {report.PromptTokens} + {report.OutputTokens} tokens each (steady state)"));
        table.AddRow("time to first token", Markup.Escape(Ms(report.TtftSeconds)));
        table.AddRow("inter-token latency", Markup.Escape(Ms(report.InterTokenSeconds)));
        table.AddRow("end to end", Markup.Escape(Ms(report.E2eSeconds)));
        table.AddRow("throughput", Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{report.OutputTokensPerSecond:N0} output tokens/s, {report.RequestsPerSecond:0.##} requests/s")));
        table.AddRow("KV cache", Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{report.KvCacheTokens:N0} tokens: {report.KvCapacitySequences:N0} such requests at once")));
        table.AddRow("bound", Markup.Escape($"prefill {report.PrefillBound}, decode {report.DecodeBound}"));
        table.AddRow("engine", Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"maxNumBatchedTokens {report.MaxNumBatchedTokens}, maxNumSeqs {report.MaxNumSeqs}, {report.Preemptions} preemptions")));
        if (report.Capacity is { } capacity)
        {
            table.AddRow("capacity", Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{capacity.MaxRatePerSecond:0.##} requests/s of {capacity.Trace} ({capacity.RateScale:0.###} × its rate) with {capacity.GoodputAtMax:P1} within ttft {Ms(capacity.TtftSeconds)} and tpot {Ms(capacity.TpotSeconds)} ({capacity.Runs} runs)")));
        }

        consoles.Out.Write(table);
        return SeleneApp.Success;
    }

    private static string Ms(double seconds) =>
        double.IsPositiveInfinity(seconds) ? "none" : string.Create(CultureInfo.InvariantCulture, $"{seconds * 1000:0.#} ms");
}
