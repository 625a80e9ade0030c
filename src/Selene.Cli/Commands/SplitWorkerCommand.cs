using System.ComponentModel;
using System.Net;
using System.Net.Sockets;
using Selene.Inference.Extraction;
using Selene.Inference.Graph;
using Selene.Inference.Runtime;
using Spectre.Console.Cli;

namespace Selene.Cli.Commands;

/// <summary>Arguments of the hidden <c>selene split-worker</c>.</summary>
internal sealed class SplitWorkerSettings : CommandSettings
{
    [CommandArgument(0, "<MODEL>")]
    [Description("The ONNX model file.")]
    public string Model { get; init; } = "";

    [CommandOption("--prefix-nodes <LIST>")]
    [Description("Indices of the prefix's nodes in topological order, comma-separated (empty: all in the suffix).")]
    public string PrefixNodes { get; init; } = "";

    [CommandOption("--delay-ms <D>")]
    [Description("One-way delay of the return direction, milliseconds.")]
    public double DelayMilliseconds { get; init; }

    [CommandOption("--bandwidth-mbps <B>")]
    [Description("Bandwidth of the return direction, Mbit/s.")]
    public double BandwidthMbps { get; init; } = 1000;

    [CommandOption("--loss <P>")]
    [Description("Share of replies lost.")]
    public double Loss { get; init; }

    [CommandOption("--seed <S>")]
    [Description("Seed of the losses.")]
    public int Seed { get; init; } = 2;
}

/// <summary>
/// The far side of <c>selene split --run --transport tcp</c>: loads the suffix of the given cut, listens on a loopback
/// port (printed as <c>listening PORT</c>), serves one connection's requests as bundles, and exits when it closes.
/// </summary>
internal sealed class SplitWorkerCommand(CliConsoles consoles) : AsyncCommand<SplitWorkerSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SplitWorkerSettings settings, CancellationToken cancellationToken)
    {
        var graph = OnnxGraph.Load(settings.Model);

        // The types of tensors the model leaves undeclared, from a run, as the planning process found them.
        Selene.Inference.Profiling.ModelProfiler.DeclareTypes(graph);
        var prefix = settings.PrefixNodes.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse);
        var models = SubModelExtractor.Extract(Cut.Of(graph, prefix));
        using var session = new SplitSession(models with { Prefix = null });

        // One request through the suffix before saying it listens, so the first measured request does not pay for
        // the runtime's first inference.
        using (var warmUp = new SplitSession(models with { Suffix = null }))
        {
            if (warmUp.RunPrefix(Selene.Inference.Profiling.ModelProfiler.SampleInputs(graph, settings.Seed), TensorCodec.None, cancellationToken).Message is { } message)
            {
                session.RunSuffix(message, cancellationToken);
            }
        }

        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        consoles.RawOut.WriteLine($"listening {((IPEndPoint)listener.LocalEndPoint!).Port}");
        consoles.RawOut.Flush();
        using var accepted = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
        var back = new LinkEmulator(settings.DelayMilliseconds / 1000, settings.BandwidthMbps * 1e6, settings.Loss, settings.Seed);
        SocketBundleLink? channel = null;
        var server = new BundleServer((payload, cancel) => session.RunSuffix(payload, cancel), reply => channel!.Send(reply));
        await using (channel = new SocketBundleLink(accepted, back, server.Receive))
        {
            await channel.Completion.ConfigureAwait(false);
        }

        consoles.RawOut.WriteLine($"lost {back.Lost}");
        consoles.RawOut.Flush();

        return SeleneApp.Success;
    }
}
