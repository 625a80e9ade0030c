using System.Globalization;
using Selene.Astro.Links;
using YamlDotNet.RepresentationModel;

namespace Selene.Simulation.Scenarios;

/// <summary>
/// Reads <c>radios:</c> of a site, station or relay: each item a band name (<c>s</c>, <c>x</c>, <c>ka</c>) for that
/// band's default radio, or a mapping that starts from it and overrides what it names: <c>transmitPowerW</c>,
/// <c>antennaGainDbi</c> or <c>dishDiameterM</c> with <c>efficiency</c>, <c>noiseTemperatureK</c>, <c>lossesDb</c>,
/// <c>ratesMbps</c>, <c>requiredEbN0Db</c>, <c>marginDb</c>.
/// </summary>
internal static class RadioReader
{
    /// <summary>The radios under <paramref name="key"/>; <paramref name="ground"/> picks a station's defaults.</summary>
    public static IReadOnlyList<RadioTerminal> Read(YamlFields fields, string key, bool ground)
    {
        var node = fields.Raw(key);
        if (node is null)
        {
            return [];
        }

        var path = fields.FieldPath(key);
        if (node is not YamlSequenceNode items)
        {
            fields.ErrorAt(node, path, "expected a list of radios: band names (s, x, ka) or mappings with a band");
            return [];
        }

        var radios = new List<RadioTerminal>();
        var index = 0;
        foreach (var item in items.Children)
        {
            var itemPath = $"{path}[{index++}]";
            if (item is YamlScalarNode { Value: { } name })
            {
                if (Band(fields, item, itemPath, name) is { } band)
                {
                    radios.Add(ground ? RadioDefaults.Station(band) : RadioDefaults.Space(band));
                }
            }
            else if (item is YamlMappingNode map && ReadMap(new YamlFields(map, itemPath, fields.File, fields.Errors), ground) is { } radio)
            {
                radios.Add(radio);
            }
            else if (item is not YamlMappingNode)
            {
                fields.ErrorAt(item, itemPath, "expected a band name (s, x, ka) or a mapping with a band");
            }
        }

        return radios;
    }

    private static RadioTerminal? ReadMap(YamlFields fields, bool ground)
    {
        var name = fields.String("band", required: true);
        var band = name is null ? null : Band(fields, fields.Raw("band")!, fields.FieldPath("band"), name);
        var power = fields.Number("transmitPowerW", 0, minExclusive: true);
        var gain = fields.Number("antennaGainDbi", -20, 100);
        var dish = fields.Number("dishDiameterM", 0, 100, minExclusive: true);
        var efficiency = fields.Number("efficiency", 0, 1, minExclusive: true);
        var noise = fields.Number("noiseTemperatureK", 0, 100_000, minExclusive: true);
        var losses = fields.Number("lossesDb", 0, 100);
        var ebN0 = fields.Number("requiredEbN0Db", -2, 30);
        var margin = fields.Number("marginDb", 0, 30);
        var rates = fields.ScalarList("ratesMbps")
            .Select(r => double.TryParse(r, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && x > 0 ? x * 1e6 : double.NaN).ToList();
        if (rates.Any(double.IsNaN))
        {
            fields.Error("ratesMbps", "every rate must be a positive number of Mbit/s");
        }

        if (gain is not null && dish is not null)
        {
            fields.Error("dishDiameterM", "give antennaGainDbi or dishDiameterM, not both");
        }

        fields.RejectUnknown();
        if (band is null || rates.Any(double.IsNaN))
        {
            return null;
        }

        band = band with { RequiredEbN0Db = ebN0 ?? band.RequiredEbN0Db, MarginDb = margin ?? band.MarginDb };
        var basis = ground ? RadioDefaults.Station(band) : RadioDefaults.Space(band);
        return new RadioTerminal(band, power ?? basis.TransmitPowerWatts, gain ?? (dish is null && efficiency is null ? basis.AntennaGainDbi : null),
            dish ?? basis.DishDiameterMeters, efficiency ?? basis.ApertureEfficiency, noise ?? basis.SystemNoiseTemperatureKelvin,
            losses ?? basis.LossesDb, rates.Count > 0 ? rates : basis.RatesBitsPerSecond);
    }

    private static RadioBand? Band(YamlFields fields, YamlNode node, string path, string name)
    {
        var band = RadioBand.Find(name);
        if (band is null)
        {
            fields.ErrorAt(node, path, $"no band '{name}'; expected one of {string.Join(", ", RadioBand.BuiltIn.Select(b => b.Name))}");
        }

        return band;
    }
}
