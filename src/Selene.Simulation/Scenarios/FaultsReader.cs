using System.Globalization;

namespace Selene.Simulation.Scenarios;

/// <summary>Reads a scenario's <c>faults</c> section.</summary>
internal static class FaultsReader
{
    /// <summary>Reads <c>faults</c>: upsets, solar storms, micrometeoroids, link outages and the quarantine; what is left out keeps its default.</summary>
    public static FaultSpec? Read(YamlFields? fields)
    {
        if (fields is null)
        {
            return null;
        }

        var defaults = FaultSpec.Default;
        var upsets = fields.Map("upsets");
        var rates = new Dictionary<SiteLocation, double>(defaults.UpsetsPerGpuDay);
        var outcomes = new Dictionary<UpsetOutcome, double>(defaults.Outcomes);
        var reboot = defaults.RebootSeconds;
        if (upsets is not null)
        {
            if (upsets.Map("perGpuDay") is { } perGpuDay)
            {
                foreach (var location in Enum.GetValues<SiteLocation>())
                {
                    if (perGpuDay.Number(location.ToString().ToLowerInvariant(), 0) is { } rate)
                    {
                        rates[location] = rate;
                    }
                }

                perGpuDay.RejectUnknown();
            }

            if (upsets.Map("outcomes") is { } shares)
            {
                foreach (var (outcome, key) in s_outcomeKeys)
                {
                    outcomes[outcome] = shares.Number(key, 0, 1) ?? 0;
                }

                shares.RejectUnknown();
                if (Math.Abs(outcomes.Values.Sum() - 1) > 1e-9)
                {
                    upsets.Error("outcomes", string.Create(CultureInfo.InvariantCulture,
                        $"the shares of {string.Join(", ", s_outcomeKeys.Select(k => k.Key))} must sum to 1, not {outcomes.Values.Sum():0.######}"));
                }
            }

            reboot = upsets.Duration("rebootTime") ?? reboot;
            upsets.RejectUnknown();
        }

        var storms = defaults.Storms;
        if (fields.Map("solarStorms") is { } stormFields)
        {
            var locations = stormFields.Has("locations")
                ? stormFields.ScalarList("locations").Select(l => Location(stormFields, "locations", l)).OfType<SiteLocation>().ToList()
                : storms.Locations;
            storms = new StormSpec(
                stormFields.Number("perYear", 0) ?? storms.PerYear,
                stormFields.Duration("duration") ?? storms.DurationSeconds,
                stormFields.Number("upsetMultiplier", 1) ?? storms.UpsetMultiplier,
                locations);
            stormFields.RejectUnknown();
        }

        var impacts = defaults.Impacts;
        var area = defaults.ExposedAreaSquareMetres;
        if (fields.Map("micrometeoroids") is { } impactFields)
        {
            area = impactFields.Number("exposedAreaM2", 0) ?? area;
            if (impactFields.Has("sizes"))
            {
                var sizes = impactFields.NamedMaps("sizes");
                impacts = sizes.Select(size => new ImpactClass(
                    size.Name,
                    size.Value.Number("perM2PerYear", 0, required: true) ?? 0,
                    size.Value.Enum<ImpactDamage>("damage", required: true) ?? ImpactDamage.None)).ToList();
                foreach (var size in sizes)
                {
                    size.Value.RejectUnknown();
                }
            }

            impactFields.RejectUnknown();
        }

        var outages = defaults.LinkOutages;
        if (fields.Map("linkOutages") is { } outageFields)
        {
            outages = new OutageSpec(
                outageFields.Number("perDay", 0) ?? outages.PerDay,
                outageFields.Duration("meanDuration") ?? outages.MeanDurationSeconds);
            outageFields.RejectUnknown();
        }

        var quarantine = fields.Duration("quarantine", min: 0, minExclusive: false) ?? defaults.QuarantineSeconds;
        fields.RejectUnknown();
        return new FaultSpec(rates, outcomes, reboot, storms, impacts, area, outages, quarantine);
    }

    private static readonly (UpsetOutcome Outcome, string Key)[] s_outcomeKeys =
    [
        (UpsetOutcome.Corrected, "corrected"),
        (UpsetOutcome.DetectedCorruption, "detectedCorruption"),
        (UpsetOutcome.GpuHang, "gpuHang"),
        (UpsetOutcome.Permanent, "permanent"),
    ];

    /// <summary>Reads a location name (earth, moon, orbit).</summary>
    public static SiteLocation? Location(YamlFields fields, string key, string text)
    {
        if (Enum.TryParse<SiteLocation>(text, ignoreCase: true, out var location) && !int.TryParse(text, out _))
        {
            return location;
        }

        fields.Error(key, $"unknown location '{text}'; locations are earth, orbit and moon");
        return null;
    }
}
