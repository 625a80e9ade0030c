namespace Selene.Simulation.Scenarios;

/// <summary>What a single-event upset does to a GPU.</summary>
public enum UpsetOutcome
{
    /// <summary>Corrected by ECC: counted, nothing lost.</summary>
    Corrected,

    /// <summary>Detected corruption: the request running on the GPU is lost and retried.</summary>
    DetectedCorruption,

    /// <summary>The GPU hangs until a reboot: its request is retried, the GPU is out for the reboot time.</summary>
    GpuHang,

    /// <summary>The GPU fails for good: its request is retried, the node has one GPU fewer.</summary>
    Permanent,
}

/// <summary>What a micrometeoroid of a size class damages.</summary>
public enum ImpactDamage
{
    /// <summary>Pitting only: counted.</summary>
    None,

    /// <summary>A solar panel cell string: counted (the power model takes it up).</summary>
    SolarPanel,

    /// <summary>The node: every GPU lost, every request on it retried.</summary>
    Node,
}

/// <summary>
/// The fault processes of a scenario. Defaults are from <c>shared/reference/space-anchors.md</c> where it has a
/// figure: NASA NEPP board-level proton tests put untested COTS boards at ~0.1 single-event effects per
/// board-day (the lunar surface, outside the magnetosphere) and ≥200 MeV-tested ones at ~0.01 (low Earth
/// orbit, shielded by the field but for the South Atlantic Anomaly); Grün's interplanetary flux at 1 AU gives
/// ~87 impacts /m²/yr of ≥10 µm, ~1.2 of ≥100 µm and ~4×10⁻⁴ of ≥1 mm. The Earth rate, the outcome shares,
/// the storm figures, the damage per size, the link outages and the quarantine are Selene's assumptions,
/// overridable in the scenario.
/// </summary>
/// <param name="UpsetsPerGpuDay">Upsets per GPU-day by location (earth, orbit, moon).</param>
/// <param name="Outcomes">Share of upsets ending each way; the shares sum to 1.</param>
/// <param name="RebootSeconds">How long a hung GPU is out.</param>
/// <param name="Storms">Solar particle events: bursts of upsets across locations.</param>
/// <param name="Impacts">Micrometeoroid size classes: flux per m² per year and what a hit damages.</param>
/// <param name="ExposedAreaSquareMetres">Area of a node exposed to micrometeoroids (not on Earth).</param>
/// <param name="LinkOutages">Unplanned outages of each remote site's link, on top of the ephemeris.</param>
/// <param name="QuarantineSeconds">How long a node reporting a warning (detected corruption, a damaged panel) is kept from new work.</param>
public sealed record FaultSpec(
    IReadOnlyDictionary<SiteLocation, double> UpsetsPerGpuDay,
    IReadOnlyDictionary<UpsetOutcome, double> Outcomes,
    double RebootSeconds,
    StormSpec Storms,
    IReadOnlyList<ImpactClass> Impacts,
    double ExposedAreaSquareMetres,
    OutageSpec LinkOutages,
    double QuarantineSeconds)
{
    /// <summary>The defaults described above.</summary>
    public static FaultSpec Default { get; } = new(
        new Dictionary<SiteLocation, double> { [SiteLocation.Earth] = 1e-4, [SiteLocation.Orbit] = 0.01, [SiteLocation.Moon] = 0.1 },
        new Dictionary<UpsetOutcome, double>
        {
            [UpsetOutcome.Corrected] = 0.9,
            [UpsetOutcome.DetectedCorruption] = 0.07,
            [UpsetOutcome.GpuHang] = 0.025,
            [UpsetOutcome.Permanent] = 0.005,
        },
        600,
        new StormSpec(4, 12 * 3600, 50, [SiteLocation.Orbit, SiteLocation.Moon]),
        [new ImpactClass("10um", 87, ImpactDamage.None), new ImpactClass("100um", 1.2, ImpactDamage.SolarPanel), new ImpactClass("1mm", 4e-4, ImpactDamage.Node)],
        4,
        new OutageSpec(0.1, 30 * 60),
        5 * 60);
}

/// <summary>Solar particle events.</summary>
/// <param name="PerYear">Mean storms per year (a Poisson process).</param>
/// <param name="DurationSeconds">How long each lasts.</param>
/// <param name="UpsetMultiplier">Factor on the upset rate while one lasts.</param>
/// <param name="Locations">Where it is felt: every node there at once.</param>
public sealed record StormSpec(double PerYear, double DurationSeconds, double UpsetMultiplier, IReadOnlyList<SiteLocation> Locations);

/// <summary>A micrometeoroid size class.</summary>
/// <param name="Name">Its name (<c>100um</c>).</param>
/// <param name="PerSquareMetreYear">Impacts per m² per year.</param>
/// <param name="Damage">What a hit damages.</param>
public sealed record ImpactClass(string Name, double PerSquareMetreYear, ImpactDamage Damage);

/// <summary>
/// Unplanned outages of something that is otherwise up: a remote site's link (pointing loss, a ground station down,
/// weather at the optical terminal), or a webhook receiver.
/// </summary>
/// <param name="PerDay">Mean outages per day (a Poisson process), per link or receiver.</param>
/// <param name="MeanDurationSeconds">Mean length of one (exponentially distributed).</param>
public sealed record OutageSpec(double PerDay, double MeanDurationSeconds);
