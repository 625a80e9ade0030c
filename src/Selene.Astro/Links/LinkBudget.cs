namespace Selene.Astro.Links;

/// <summary>
/// The arithmetic of a radio link budget: free-space path loss, C/N0 from EIRP and G/T, Eb/N0 at a data rate, and the
/// highest rate a link closes at with its required Eb/N0 and margin (e.g. Wertz &amp; Larson, <i>Space Mission Analysis
/// and Design</i>, 3rd ed., §13.3).
/// </summary>
public static class LinkBudget
{
    /// <summary>Boltzmann's constant in dB: 10 log₁₀(1.380649e-23 J/K) = −228.6 dBW/(K·Hz) (SI, exact).</summary>
    public static readonly double BoltzmannDb = 10 * Math.Log10(1.380649e-23);

    /// <summary>Free-space path loss (4πd/λ)² in dB for <paramref name="distanceKm"/> at <paramref name="frequencyHz"/>.</summary>
    public static double FreeSpacePathLossDb(double distanceKm, double frequencyHz) =>
        20 * Math.Log10(4 * Math.PI * distanceKm * 1000 * frequencyHz / (LightTime.SpeedOfLightKmPerSecond * 1000));

    /// <summary>A dish's gain η(πD/λ)² in dBi.</summary>
    public static double DishGainDbi(double diameterMeters, double efficiency, double frequencyHz)
    {
        var wavelength = LightTime.SpeedOfLightKmPerSecond * 1000 / frequencyHz;
        var ratio = Math.PI * diameterMeters / wavelength;
        return 10 * Math.Log10(efficiency * ratio * ratio);
    }

    /// <summary>Carrier to noise density, dB-Hz: EIRP − path loss − other losses + G/T − k.</summary>
    public static double CarrierToNoiseDensityDbHz(double eirpDbw, double pathLossDb, double otherLossesDb, double gainOverTemperatureDbPerKelvin) =>
        eirpDbw - pathLossDb - otherLossesDb + gainOverTemperatureDbPerKelvin - BoltzmannDb;

    /// <summary>Eb/N0 in dB at <paramref name="bitsPerSecond"/>: C/N0 − 10 log₁₀ R.</summary>
    public static double EbN0Db(double carrierToNoiseDensityDbHz, double bitsPerSecond) =>
        carrierToNoiseDensityDbHz - (10 * Math.Log10(bitsPerSecond));

    /// <summary>C/N0 of a link from <paramref name="transmitter"/> to <paramref name="receiver"/> over <paramref name="distanceKm"/>.</summary>
    public static double CarrierToNoiseDensityDbHz(RadioTerminal transmitter, RadioTerminal receiver, double distanceKm)
    {
        ArgumentNullException.ThrowIfNull(transmitter);
        ArgumentNullException.ThrowIfNull(receiver);
        return CarrierToNoiseDensityDbHz(transmitter.EirpDbw, FreeSpacePathLossDb(distanceKm, transmitter.Band.FrequencyHz),
            transmitter.LossesDb + receiver.LossesDb, receiver.GainOverTemperatureDbPerKelvin);
    }

    /// <summary>
    /// The highest data rate, bit/s, at which the link closes with the band's required Eb/N0 and margin; stepped down to
    /// a rate both ends' modems have when either has a rate table (0 when none of those closes).
    /// </summary>
    public static double SupportedRateBitsPerSecond(RadioTerminal transmitter, RadioTerminal receiver, double distanceKm)
    {
        var band = transmitter.Band;
        var cn0 = CarrierToNoiseDensityDbHz(transmitter, receiver, distanceKm);
        var rate = Math.Pow(10, (cn0 - band.RequiredEbN0Db - band.MarginDb) / 10);
        var (sending, receiving) = (transmitter.RatesBitsPerSecond, receiver.RatesBitsPerSecond);
        if (sending.Count == 0 && receiving.Count == 0)
        {
            return rate;
        }

        var table = sending.Count == 0 ? receiving : receiving.Count == 0 ? sending : sending.Intersect(receiving).ToList();
        var stepped = 0.0;
        foreach (var step in table)
        {
            if (step <= rate)
            {
                stepped = Math.Max(stepped, step);
            }
        }

        return stepped;
    }
}
