using CloudNative.CloudEvents;

namespace Selene.Simulation.Faults;

/// <summary>One fault as the outside world hears of it.</summary>
/// <param name="Sequence">1-based number within the run.</param>
/// <param name="Time">Simulated seconds.</param>
/// <param name="Site">Where.</param>
/// <param name="Node">Which node.</param>
/// <param name="Type">Fault type (<c>upset-gpu-hang</c>, <c>micrometeoroid-node</c> …).</param>
/// <param name="Severity">info, warning, error or critical.</param>
public sealed record CosmicEvent(long Sequence, double Time, string Site, string Node, string Type, string Severity)
{
    /// <summary>How serious a fault type is: nothing lost (info) to a node or GPU gone for good (critical).</summary>
    public static string SeverityOf(string type) => type switch
    {
        "upset-corrected" or "micrometeoroid-none" => "info",
        "upset-detected-corruption" or "micrometeoroid-solar-panel" => "warning",
        "upset-gpu-hang" => "error",
        _ => "critical",
    };

    /// <summary>The event as a CloudEvent 1.0: id unique per scenario, seed and sequence; time on the scenario's clock.</summary>
    public CloudEvent ToCloudEvent(string scenario, ulong seed, DateTimeOffset epoch) => new()
    {
        Id = FormattableString.Invariant($"{scenario}-{seed}-{Sequence}"),
        Source = new Uri($"urn:selene:twin:{Uri.EscapeDataString(scenario)}"),
        Type = $"io.selene.cosmic-event.{Type}",
        Time = epoch.AddSeconds(Time),
        Subject = Node,
        DataContentType = "application/json",
        Data = new { site = Site, node = Node, severity = Severity, simulatedSeconds = Time },
    };
}
