namespace Selene.Power.Storage;

/// <summary>
/// Energy storage between the array and the load. Energy is charged at <paramref name="ChargeEfficiency"/> and
/// discharged at <paramref name="DischargeEfficiency"/>, within power limits, never below the depth-of-discharge
/// floor; it leaks at <paramref name="StandbyLossPerDay"/> of what it holds and, for SMES, a cryocooler draws
/// <paramref name="AuxiliaryWatts"/> all the time. A battery's capacity fades with service.
/// </summary>
/// <param name="Kind">Battery or SMES.</param>
/// <param name="CapacityJoules">Usable energy when new.</param>
/// <param name="ChargeEfficiency">Energy stored per energy put in, 0 to 1.</param>
/// <param name="DischargeEfficiency">Energy delivered per energy taken out, 0 to 1.</param>
/// <param name="MaxChargeWatts">Largest charging power (a battery: its C-rate × capacity).</param>
/// <param name="MaxDischargeWatts">Largest discharging power.</param>
/// <param name="FloorFraction">Share of the capacity never used (depth-of-discharge limit).</param>
/// <param name="FadePerYear">Share of the capacity lost per year of service.</param>
/// <param name="StandbyLossPerDay">Share of the stored energy lost per day standing.</param>
/// <param name="AuxiliaryWatts">Power drawn all the time to keep the store working (an SMES cryocooler).</param>
public sealed record StorageSpec(
    StorageKind Kind,
    double CapacityJoules,
    double ChargeEfficiency,
    double DischargeEfficiency,
    double MaxChargeWatts,
    double MaxDischargeWatts,
    double FloorFraction,
    double FadePerYear,
    double StandbyLossPerDay,
    double AuxiliaryWatts)
{
    /// <summary>
    /// A lithium-ion battery of <paramref name="kilowattHours"/>: 97% each way (about 94% round trip), 1 C charge and
    /// 2 C discharge, 10% floor, 2% fade a year, 0.1% a day standing. Selene's assumptions, typical of datasheets.
    /// </summary>
    public static StorageSpec LithiumIon(double kilowattHours) =>
        new(StorageKind.LithiumIon, kilowattHours * 3.6e6, 0.97, 0.97, kilowattHours * 1000, kilowattHours * 2000, 0.1, 0.02, 0.001, 0);

    /// <summary>
    /// Superconducting magnetic storage of <paramref name="kilowattHours"/>: 97.5% each way (95% round trip), power
    /// limits far above the load, no floor or fade, 1% a day standing, and a cryocooler of
    /// <paramref name="cryocoolerWatts"/>. Selene's assumptions.
    /// </summary>
    public static StorageSpec SuperconductingMagnetic(double kilowattHours, double cryocoolerWatts) =>
        new(StorageKind.SuperconductingMagnetic, kilowattHours * 3.6e6, 0.975, 0.975, kilowattHours * 36_000, kilowattHours * 36_000, 0, 0, 0.01, cryocoolerWatts);

    /// <summary>Usable capacity after <paramref name="years"/> of service.</summary>
    public double CapacityAt(double years) => CapacityJoules * Math.Max(0, 1 - (FadePerYear * years));
}
