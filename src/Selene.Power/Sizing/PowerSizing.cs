using Selene.Power.Simulation;

namespace Selene.Power.Sizing;

/// <summary>A site's power system sized for its GPUs, and the check of it through the full model.</summary>
/// <param name="ArraySquareMetres">Cell area.</param>
/// <param name="ArrayKilowatts">Rated output at 1 AU and normal incidence.</param>
/// <param name="StorageKilowattHours">Usable storage capacity.</param>
/// <param name="ArrayKilograms">Array mass.</param>
/// <param name="StorageKilograms">Storage mass.</param>
/// <param name="LongestDarkHours">Longest stretch with no sunlight on the site.</param>
/// <param name="IlluminationFraction">Share of the year with some sunlight.</param>
/// <param name="Check">The full power model over the year with this system, the GPUs run as sized.</param>
public sealed record PowerSizing(
    double ArraySquareMetres,
    double ArrayKilowatts,
    double StorageKilowattHours,
    double ArrayKilograms,
    double StorageKilograms,
    double LongestDarkHours,
    double IlluminationFraction,
    SitePowerResult Check)
{
    /// <summary>The radiator that sheds the node's full draw.</summary>
    public double RadiatorSquareMetres { get; init; }

    /// <summary>The radiator's mass.</summary>
    public double RadiatorKilograms { get; init; }

    /// <summary>Array, storage and radiator together.</summary>
    public double TotalKilograms => ArrayKilograms + StorageKilograms + RadiatorKilograms;
}
