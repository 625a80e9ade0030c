namespace Selene.Power.Sizing;

/// <summary>
/// What a sizing assumes beyond the site and its GPUs. Masses are Selene's assumptions, typical of flight hardware:
/// rigid or roll-out arrays at about 100 W/kg, space-rated lithium-ion cells packed at about 170 Wh/kg.
/// </summary>
/// <param name="ArrayKilogramsPerKilowatt">Array mass per kilowatt of rated output (at 1 AU, normal incidence).</param>
/// <param name="StorageKilogramsPerKilowattHour">Storage mass per kilowatt-hour.</param>
/// <param name="BaseWatts">The node but its GPUs.</param>
/// <param name="StorageMargin">Extra storage on top of the least that works, as a share of it.</param>
/// <param name="TargetWorkShare">Through the night, the share of the year's GPU-hours the year's check must run at full speed.</param>
/// <param name="RadiatorKilogramsPerSquareMetre">Radiator mass per square metre (deployable panels with heat pipes, about 5 kg/m²).</param>
public sealed record SizingAssumptions(
    double ArrayKilogramsPerKilowatt = 10,
    double StorageKilogramsPerKilowattHour = 6,
    double BaseWatts = 400,
    double StorageMargin = 0.1,
    double TargetWorkShare = 0.95,
    double RadiatorKilogramsPerSquareMetre = 5);
