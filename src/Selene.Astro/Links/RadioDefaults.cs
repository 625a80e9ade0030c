namespace Selene.Astro.Links;

/// <summary>
/// The radios a node gets when a scenario names only the band: one for a ground station (a large dish) and one for
/// a lunar site or relay. Where a figure has a published source it is cited; the others are typical values, stated as such.
/// </summary>
public static class RadioDefaults
{
    /// <summary>A ground station's radio in <paramref name="band"/>.</summary>
    /// <remarks>
    /// A 34 m dish (the DSN's beam-waveguide antennas, ESTRACK's are 35 m) at 60% aperture efficiency (typical), system
    /// noise temperature 100 K at S and X band and 200 K at Ka band with the atmosphere (typical), 20 kW uplink (the DSN's
    /// 34 m uplinks are 20 kW class), 2 dB of pointing, atmosphere and implementation losses (typical).
    /// </remarks>
    public static RadioTerminal Station(RadioBand band)
    {
        ArgumentNullException.ThrowIfNull(band);
        return new RadioTerminal(band, 20_000, null, 34, 0.6, band.Name == "ka" ? 200 : 100, 2);
    }

    /// <summary>A lunar site's or relay's radio in <paramref name="band"/>.</summary>
    /// <remarks>
    /// Ka band: LRO's downlink, a 40 W travelling-wave tube (NASA Glenn lesson learned 1862) on a 0.75 m high-gain dish,
    /// modem rates up to LRO's 100 Mbit/s (Currier et al., AIAA 2006-5819). S and X band: 10 W on a 0.5 m dish (typical),
    /// modem rates up to 2 Mbit/s at S band (Queqiao-2's S band carries up to 6 Mbit/s) and 20 Mbit/s at X band (typical).
    /// All: 55% aperture efficiency, 500 K receiver noise, 1 dB losses (typical).
    /// </remarks>
    public static RadioTerminal Space(RadioBand band)
    {
        ArgumentNullException.ThrowIfNull(band);
        return band.Name switch
        {
            "ka" => new RadioTerminal(band, 40, null, 0.75, 0.55, 500, 1, [10e6, 25e6, 50e6, 100e6]),
            "x" => new RadioTerminal(band, 10, null, 0.5, 0.55, 500, 1, [1e6, 2e6, 5e6, 10e6, 20e6]),
            _ => new RadioTerminal(band, 10, null, 0.5, 0.55, 500, 1, [64e3, 256e3, 1e6, 2e6]),
        };
    }
}
