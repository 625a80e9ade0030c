using System.ComponentModel;
using Selene.Inference.Planning;
using Selene.Inference.Runtime;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Selene.Cli.Commands;

/// <summary>Arguments of <c>selene split</c>.</summary>
internal sealed class SplitSettings : CommandSettings
{
    [CommandArgument(0, "<MODEL>")]
    [Description("An ONNX model file, or resnet18 (the model in the NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18).")]
    public string Model { get; init; } = "";

    [CommandOption("--link <NAME>")]
    [Description("A named link: earth-moon (1.28 s one way, 20 Mbit/s up, 622 Mbit/s down). Default when --delay-ms is not given.")]
    public string? Link { get; init; }

    [CommandOption("--delay-ms <D>")]
    [Description("One-way delay of a symmetric link, milliseconds (with --bandwidth-mbps).")]
    public double? DelayMilliseconds { get; init; }

    [CommandOption("--bandwidth-mbps <B>")]
    [Description("Bandwidth of a symmetric link each way, Mbit/s (with --delay-ms).")]
    public double? BandwidthMbps { get; init; }

    [CommandOption("--loss <P>")]
    [Description("Share of messages the link loses, 0 to below 1. Default 0.")]
    public double Loss { get; init; }

    [CommandOption("--from <SIDE>")]
    [Description("Where requests start and the prefix runs: earth or moon. Default earth.")]
    public string From { get; init; } = "earth";

    [CommandOption("--prefix-device <D>")]
    [Description("Device of the requester's side: local (this machine, profiled), h100, h200, a100, l40s, orin, or ratio:X. Default local.")]
    public string PrefixDevice { get; init; } = "local";

    [CommandOption("--suffix-device <D>")]
    [Description("Device across the link. Default h100.")]
    public string SuffixDevice { get; init; } = "h100";

    [CommandOption("--codecs <LIST>")]
    [Description("Codecs the cut tensors may use: none, lz4, zstd, fp16, int8 (the last two are lossy). Default none,lz4,zstd.")]
    public string Codecs { get; init; } = "none,lz4,zstd";

    [CommandOption("--budget-ms <MS>")]
    [Description("Plan for throughput within this latency budget instead of for latency.")]
    public double? BudgetMilliseconds { get; init; }

    [CommandOption("--cut <TENSORS>")]
    [Description("Run this cut instead of the planned one: the tensors that cross, comma-separated.")]
    public string? Cut { get; init; }

    [CommandOption("--run")]
    [Description("Run requests through the chosen split over the link and report measured latency, retransmissions and output change.")]
    public bool Run { get; init; }

    [CommandOption("--requests <N>")]
    [Description("Requests to run with --run. Default 20.")]
    public int Requests { get; init; } = 20;

    [CommandOption("--transport <T>")]
    [Description("With --run: inproc (both sides in this process, the link emulated) or tcp (the suffix in a second process over loopback, the link emulated on each side). Default inproc.")]
    public string Transport { get; init; } = "inproc";

    [CommandOption("--time-scale <X>")]
    [Description("With --run: run the link's delay X times faster (0.01 runs the Moon's 1.28 s as 12.8 ms). Default 1.")]
    public double TimeScale { get; init; } = 1;

    [CommandOption("--cache")]
    [Description("With --run: requests repeat (Zipf over --catalog items, 30% of them near-copies with 1% noise), answered where possible by an exact cache, a similarity cache on the prefix output, and prefetch while the link is idle.")]
    public bool Cache { get; init; }

    [CommandOption("--catalog <N>")]
    [Description("With --cache: distinct requests the stream draws from. Default 10.")]
    public int Catalog { get; init; } = 10;

    [CommandOption("--similarity <T>")]
    [Description("With --cache: cosine similarity of prefix outputs a similarity hit needs. Default 0.99999.")]
    public double Similarity { get; init; } = 0.99999;

    [CommandOption("--prefetch-share <S>")]
    [Description("With --cache: share of the idle link prefetch may use. Default 0.2.")]
    public double PrefetchShare { get; init; } = 0.2;

    [CommandOption("--seed <S>")]
    [Description("Seed of the sample inputs and the link's losses. Default 1.")]
    public int Seed { get; init; } = 1;

    [CommandOption("--json")]
    [Description("Print the plan (and the run) as JSON.")]
    public bool Json { get; init; }

    public LinkModel LinkModel()
    {
        var link = DelayMilliseconds is { } delay
            ? Inference.Planning.LinkModel.Symmetric(delay / 1000, BandwidthMbps!.Value * 1e6, Loss)
            : Inference.Planning.LinkModel.EarthMoon with { LossRate = Loss };
        // The named link's bandwidths are Earth's: up, then down.
        return From == "moon" && DelayMilliseconds is null ? link with { ForwardBitsPerSecond = link.ReturnBitsPerSecond, ReturnBitsPerSecond = link.ForwardBitsPerSecond } : link;
    }

    public IReadOnlyList<TensorCodec> CodecList() => [.. Codecs.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseCodec)];

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Model))
        {
            return ValidationResult.Error("MODEL: name an ONNX file or resnet18");
        }

        if (Link is not null && !string.Equals(Link, "earth-moon", StringComparison.Ordinal))
        {
            return ValidationResult.Error($"--link: unknown link '{Link}'; known: earth-moon (or give --delay-ms and --bandwidth-mbps)");
        }

        if (Link is not null && (DelayMilliseconds is not null || BandwidthMbps is not null))
        {
            return ValidationResult.Error("--link: give either a named link or --delay-ms with --bandwidth-mbps, not both");
        }

        if ((DelayMilliseconds is null) != (BandwidthMbps is null))
        {
            return ValidationResult.Error("--delay-ms and --bandwidth-mbps go together");
        }

        if (DelayMilliseconds is { } d && (!(d >= 0) || !double.IsFinite(d)))
        {
            return ValidationResult.Error("--delay-ms: expected milliseconds, 0 or more");
        }

        if (BandwidthMbps is { } b && (!(b > 0) || !double.IsFinite(b)))
        {
            return ValidationResult.Error("--bandwidth-mbps: expected Mbit/s above 0");
        }

        if (!(Loss >= 0 && Loss < 1))
        {
            return ValidationResult.Error("--loss: expected a share from 0 to below 1");
        }

        if (From is not ("earth" or "moon"))
        {
            return ValidationResult.Error("--from: expected earth or moon");
        }

        foreach (var (option, device) in new[] { ("--prefix-device", PrefixDevice), ("--suffix-device", SuffixDevice) })
        {
            try
            {
                DeviceClass.Parse(device);
            }
            catch (ArgumentException e)
            {
                return ValidationResult.Error($"{option}: {e.Message}");
            }
        }

        var codecs = Codecs.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = codecs.FirstOrDefault(c => !TryParseCodec(c, out _));
        if (codecs.Length == 0 || unknown is not null)
        {
            return ValidationResult.Error($"--codecs: unknown codec '{unknown}'; expected none, lz4, zstd, fp16, int8");
        }

        if (BudgetMilliseconds is { } budget && (!(budget > 0) || !double.IsFinite(budget)))
        {
            return ValidationResult.Error("--budget-ms: expected milliseconds above 0");
        }

        if (Requests is < 1 or > 100_000)
        {
            return ValidationResult.Error("--requests: expected 1 to 100000");
        }

        if (Transport is not ("inproc" or "tcp"))
        {
            return ValidationResult.Error("--transport: expected inproc or tcp");
        }

        if (Catalog < 1 || !(Similarity is > -1 and <= 1) || !(PrefetchShare is >= 0 and <= 1))
        {
            return ValidationResult.Error("--catalog: at least 1; --similarity: a cosine in (−1, 1]; --prefetch-share: 0 to 1");
        }

        return TimeScale > 0 && TimeScale <= 1 && double.IsFinite(TimeScale)
            ? ValidationResult.Success()
            : ValidationResult.Error("--time-scale: expected a factor above 0, at most 1");
    }

    private static TensorCodec ParseCodec(string text) => TensorCodecs.TryParse(text, out var codec) ? codec : throw new ArgumentException($"unknown codec '{text}'");

    private static bool TryParseCodec(string text, out TensorCodec codec) => TensorCodecs.TryParse(text, out codec);
}
