namespace Selene.Astro.Links;

/// <summary>A frequency band a link runs in, with the Eb/N0 its coding needs and the margin kept above it.</summary>
/// <param name="Name">Short name: s, x or ka.</param>
/// <param name="FrequencyHz">Carrier frequency, Hz.</param>
/// <param name="RequiredEbN0Db">Eb/N0 the modulation and coding need for the target error rate, dB.</param>
/// <param name="MarginDb">Margin kept above the required Eb/N0, dB.</param>
public sealed record RadioBand(string Name, double FrequencyHz, double RequiredEbN0Db, double MarginDb)
{
    // Required Eb/N0: 2.5 dB, the CCSDS concatenated code (Reed–Solomon (255,223) with rate-1/2 convolutional) at a bit
    // error rate of 1e-6 (CCSDS 130.1-G, TM Synchronization and Channel Coding — Summary of Concept and Rationale).
    // Margin: 3 dB, the usual design margin of a space link budget.
    private const double ConcatenatedCodeEbN0Db = 2.5;
    private const double DesignMarginDb = 3.0;

    /// <summary>S band, 2.25 GHz: inside 2200–2290 MHz, the space-research space-to-Earth allocation (ITU Radio Regulations Art. 5).</summary>
    public static RadioBand S { get; } = new("s", 2.25e9, ConcatenatedCodeEbN0Db, DesignMarginDb);

    /// <summary>X band, 8.475 GHz: inside 8450–8500 MHz, the near-Earth space-research space-to-Earth band (ITU RR Art. 5).</summary>
    public static RadioBand X { get; } = new("x", 8.475e9, ConcatenatedCodeEbN0Db, DesignMarginDb);

    /// <summary>Ka band, 25.65 GHz: LRO's lunar downlink (NASA Glenn lesson learned 1862), in 25.5–27 GHz.</summary>
    public static RadioBand Ka { get; } = new("ka", 25.65e9, ConcatenatedCodeEbN0Db, DesignMarginDb);

    /// <summary>The built-in bands by name.</summary>
    public static IReadOnlyList<RadioBand> BuiltIn { get; } = [S, X, Ka];

    /// <summary>The built-in band named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static RadioBand? Find(string name) =>
        BuiltIn.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase));
}
