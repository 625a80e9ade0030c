using Selene.Power.Control;

namespace Selene.Power.Simulation;

/// <summary>One site's power and heat over a run under one policy. Energies in joules.</summary>
/// <param name="Site">Site name.</param>
/// <param name="Policy">The controller's policy.</param>
/// <param name="Seconds">Time covered.</param>
/// <param name="EnergyIn">What the array delivered.</param>
/// <param name="EnergyUsed">What the node drew: GPUs, the rest of the node, the heater.</param>
/// <param name="EnergyCurtailed">Sunlight nothing could take (wasted).</param>
/// <param name="EnergyLosses">Charging, discharging, standing and auxiliary losses of the store.</param>
/// <param name="StoredAtStart">Energy in the store at the start.</param>
/// <param name="StoredAtEnd">Energy in the store at the end.</param>
/// <param name="WorkGpuHours">Work done, in GPU-hours at full speed.</param>
/// <param name="Availability">Share of the time some GPU was running.</param>
/// <param name="BelowReserveSeconds">Time the store spent below the reserve (reserve violations).</param>
/// <param name="BlackoutSeconds">Time the node's own needs went unmet.</param>
/// <param name="MinStoredFraction">Lowest state of charge, as a share of capacity (1 without a store).</param>
/// <param name="MinKelvin">Coldest node temperature at the bins' ends.</param>
/// <param name="MaxKelvin">Hottest node temperature at the bins' ends.</param>
/// <param name="Events">Every mode change, (name, seconds), in order.</param>
/// <param name="BinSeconds">Width of the series' bins.</param>
/// <param name="SolarWatts">Mean array output per bin.</param>
/// <param name="UsedWatts">Mean draw per bin.</param>
/// <param name="GpuWatts">Mean draw of the GPUs per bin: what the controller let them have.</param>
/// <param name="StateOfCharge">State of charge at each bin's end, 0 to 1.</param>
/// <param name="NodeKelvin">Node temperature at each bin's end.</param>
public sealed record SitePowerResult(
    string Site,
    PowerPolicy Policy,
    double Seconds,
    double EnergyIn,
    double EnergyUsed,
    double EnergyCurtailed,
    double EnergyLosses,
    double StoredAtStart,
    double StoredAtEnd,
    double WorkGpuHours,
    double Availability,
    double BelowReserveSeconds,
    double BlackoutSeconds,
    double MinStoredFraction,
    double MinKelvin,
    double MaxKelvin,
    IReadOnlyList<(string Name, double Seconds)> Events,
    double BinSeconds,
    double[] SolarWatts,
    double[] UsedWatts,
    double[] GpuWatts,
    double[] StateOfCharge,
    double[] NodeKelvin)
{
    /// <summary>energy in − (used + change in storage + losses + curtailed), relative to energy in: zero but for round-off.</summary>
    public double BalanceError =>
        EnergyIn == 0 ? 0 : (EnergyIn - (EnergyUsed + (StoredAtEnd - StoredAtStart) + EnergyLosses + EnergyCurtailed)) / EnergyIn;
}
