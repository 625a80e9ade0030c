namespace Selene.Astro.Links;

/// <summary>
/// One radio of a site, relay or ground station: what it transmits and how well it receives in one band. The antenna is
/// given by its gain or by a dish's diameter and aperture efficiency, whose gain follows the frequency.
/// </summary>
public sealed record RadioTerminal
{
    /// <summary>Creates a terminal.</summary>
    /// <param name="band">The band it works in.</param>
    /// <param name="transmitPowerWatts">RF power into the antenna, W.</param>
    /// <param name="antennaGainDbi">Antenna gain, dBi; null to compute it from the dish.</param>
    /// <param name="dishDiameterMeters">Dish diameter, m (used when no gain is given).</param>
    /// <param name="apertureEfficiency">Dish aperture efficiency, 0 to 1.</param>
    /// <param name="systemNoiseTemperatureKelvin">System noise temperature when receiving, K.</param>
    /// <param name="lossesDb">Pointing, polarisation, cable, atmosphere and implementation losses on this end, dB.</param>
    /// <param name="ratesBitsPerSecond">The modem's data rates; a contact runs at the highest both ends have that the budget supports. Empty: any rate.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public RadioTerminal(RadioBand band, double transmitPowerWatts, double? antennaGainDbi, double dishDiameterMeters, double apertureEfficiency,
        double systemNoiseTemperatureKelvin, double lossesDb, IReadOnlyList<double>? ratesBitsPerSecond = null)
    {
        ArgumentNullException.ThrowIfNull(band);
        Check(transmitPowerWatts > 0, nameof(transmitPowerWatts), transmitPowerWatts, "the transmit power must be positive");
        Check(antennaGainDbi is not null || dishDiameterMeters > 0, nameof(dishDiameterMeters), dishDiameterMeters, "the dish diameter must be positive");
        Check(apertureEfficiency is > 0 and <= 1, nameof(apertureEfficiency), apertureEfficiency, "the aperture efficiency must be above 0 and at most 1");
        Check(systemNoiseTemperatureKelvin > 0, nameof(systemNoiseTemperatureKelvin), systemNoiseTemperatureKelvin, "the system noise temperature must be positive");
        Check(lossesDb >= 0, nameof(lossesDb), lossesDb, "losses must not be negative");
        var rates = (ratesBitsPerSecond ?? []).ToArray();
        Check(rates.All(r => r > 0), nameof(ratesBitsPerSecond), rates.FirstOrDefault(r => r <= 0), "every rate must be positive");
        Array.Sort(rates);
        Band = band;
        TransmitPowerWatts = transmitPowerWatts;
        DishDiameterMeters = dishDiameterMeters;
        ApertureEfficiency = apertureEfficiency;
        AntennaGainDbi = antennaGainDbi ?? LinkBudget.DishGainDbi(dishDiameterMeters, apertureEfficiency, band.FrequencyHz);
        SystemNoiseTemperatureKelvin = systemNoiseTemperatureKelvin;
        LossesDb = lossesDb;
        RatesBitsPerSecond = rates;
    }

    /// <summary>The band.</summary>
    public RadioBand Band { get; }

    /// <summary>RF transmit power, W.</summary>
    public double TransmitPowerWatts { get; }

    /// <summary>Dish diameter, m (0 when the gain was given).</summary>
    public double DishDiameterMeters { get; }

    /// <summary>Aperture efficiency.</summary>
    public double ApertureEfficiency { get; }

    /// <summary>Antenna gain at the band's frequency, dBi.</summary>
    public double AntennaGainDbi { get; }

    /// <summary>System noise temperature, K.</summary>
    public double SystemNoiseTemperatureKelvin { get; }

    /// <summary>Losses on this end, dB.</summary>
    public double LossesDb { get; }

    /// <summary>The modem's rates, ascending; empty when any rate goes.</summary>
    public IReadOnlyList<double> RatesBitsPerSecond { get; }

    /// <summary>Effective isotropic radiated power, dBW.</summary>
    public double EirpDbw => (10 * Math.Log10(TransmitPowerWatts)) + AntennaGainDbi;

    /// <summary>Figure of merit G/T, dB/K.</summary>
    public double GainOverTemperatureDbPerKelvin => AntennaGainDbi - (10 * Math.Log10(SystemNoiseTemperatureKelvin));

    private static void Check(bool ok, string name, double value, string message)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, value, message);
        }
    }
}
