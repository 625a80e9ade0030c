namespace Selene.Simulation.Live;

/// <summary>A site's power system in the current bin of its run.</summary>
/// <param name="StateOfCharge">Stored energy over capacity, 0 to 1.</param>
/// <param name="SolarWatts">Power from the array.</param>
/// <param name="UsedWatts">Power drawn by the site.</param>
public sealed record PowerNow(double StateOfCharge, double SolarWatts, double UsedWatts);
