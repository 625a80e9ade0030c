using CloudNative.CloudEvents;

namespace Selene.Simulation.Faults;

/// <summary>One fault as the outside world hears of it.</summary>
/// <param name="Sequence">1-based number within the run.</param>
/// <param name="Time">Simulated seconds.</param>
/// <param name="Site">Where.</param>
/// <param name="Node">Which node; empty for a site's link.</param>
/// <param name="Type">Fault type (<c>upset-gpu-hang</c>, <c>micrometeoroid-node</c>, <c>link-outage</c> …).</param>
/// <param name="Severity">info, warning, error or critical.</param>
public sealed record CosmicEvent(long Sequence, double Time, string Site, string Node, string Type, string Severity)
{
    /// <summary>The key of the taint a reported fault puts on its node.</summary>
    public const string TaintKey = "selene.io/cosmic-event";

    /// <summary>The CloudEvents type of a fault is this followed by its <see cref="Type"/>.</summary>
    public const string CloudEventTypePrefix = "io.selene.cosmic-event.";

    // What each fault type is: how serious, which taint its node gets once the node has reported it, and for how
    // long. A node destroyed outright reports nothing: the node lifecycle finds it by its silence.
    private static readonly Dictionary<string, FaultKind> s_kinds = new(StringComparer.Ordinal)
    {
        ["upset-corrected"] = new("info", null, TaintHold.None),
        ["upset-detected-corruption"] = new("warning", "NoSchedule", TaintHold.Quarantine),
        ["upset-gpu-hang"] = new("error", "NoSchedule", TaintHold.Reboot),
        ["upset-permanent"] = new("critical", "NoExecute", TaintHold.Reboot),
        ["micrometeoroid-none"] = new("info", null, TaintHold.None),
        ["micrometeoroid-solar-panel"] = new("warning", "NoSchedule", TaintHold.Quarantine),
        ["micrometeoroid-node"] = new("critical", null, TaintHold.None),
        ["link-outage"] = new("warning", null, TaintHold.None),
    };

    /// <summary>Every fault type, in alphabetical order.</summary>
    public static IReadOnlyList<string> Types { get; } = s_kinds.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>How serious a fault type is: nothing lost (info) to a node or GPU gone for good (critical).</summary>
    public static string SeverityOf(string type) => KindOf(type).Severity;

    /// <summary>The taint effect (NoSchedule or NoExecute) a fault type puts on its node, and how long it holds; null effect for none.</summary>
    public static (string? Effect, TaintHold Hold) TaintOf(string type) => KindOf(type) is var kind ? (kind.Effect, kind.Hold) : default;

    private static FaultKind KindOf(string type) =>
        s_kinds.TryGetValue(type, out var kind) ? kind : throw new ArgumentOutOfRangeException(nameof(type), type, "unknown fault type");

    /// <summary>The event as a CloudEvent 1.0: id unique per scenario, seed and sequence; time on the scenario's clock.</summary>
    public CloudEvent ToCloudEvent(string scenario, ulong seed, DateTimeOffset epoch) => new()
    {
        Id = FormattableString.Invariant($"{scenario}-{seed}-{Sequence}"),
        Source = new Uri($"urn:selene:twin:{Uri.EscapeDataString(scenario)}"),
        Type = CloudEventTypePrefix + Type,
        Time = epoch.AddSeconds(Time),
        Subject = Node.Length > 0 ? Node : $"link/{Site}",
        DataContentType = "application/json",
        Data = new { site = Site, node = Node, severity = Severity, simulatedSeconds = Time },
    };

    private sealed record FaultKind(string Severity, string? Effect, TaintHold Hold);
}

/// <summary>How long a cosmic-event taint stays on its node.</summary>
public enum TaintHold
{
    /// <summary>No taint.</summary>
    None,

    /// <summary>The scenario's quarantine (<c>faults.quarantine</c>).</summary>
    Quarantine,

    /// <summary>The scenario's reboot time (<c>faults.upsets.rebootTime</c>).</summary>
    Reboot,
}
