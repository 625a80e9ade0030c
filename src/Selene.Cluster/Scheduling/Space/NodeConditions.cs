namespace Selene.Cluster.Scheduling.Space;

/// <summary>
/// What the space plugins know about a node now: where it is, how far its users are in light time, whether its
/// link is up, its power, its radiation environment and what its energy costs. Unknown figures are null, and a
/// plugin with nothing known about any node leaves the decision to the Kubernetes plugins.
/// </summary>
/// <param name="Location">earth, orbit or moon; null when unknown.</param>
/// <param name="OneWayLightSeconds">One-way light time from the node to its users.</param>
/// <param name="LinkUp">Whether the node is reachable now; null when unknown.</param>
/// <param name="LinkChangeSeconds">Seconds until the link changes state (next outage while up, next contact while down).</param>
/// <param name="PowerBudgetWatts">Power the node may draw for its GPUs.</param>
/// <param name="GpuWatts">Draw of one busy GPU on the node.</param>
/// <param name="UpsetsPerGpuDay">Single-event upsets per GPU-day in the node's environment now.</param>
/// <param name="Energy">Where the node's power comes from now.</param>
/// <param name="EnergyCostPerKilowattHour">What a kilowatt-hour costs the operator there now.</param>
public sealed record NodeConditions(
    string? Location = null,
    double? OneWayLightSeconds = null,
    bool? LinkUp = null,
    double? LinkChangeSeconds = null,
    double? PowerBudgetWatts = null,
    double? GpuWatts = null,
    double? UpsetsPerGpuDay = null,
    EnergySource Energy = EnergySource.Unknown,
    double? EnergyCostPerKilowattHour = null)
{
    /// <summary>Nothing known.</summary>
    public static NodeConditions Unknown { get; } = new();
}
