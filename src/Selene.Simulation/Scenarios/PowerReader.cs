using Selene.Power.Control;
using Selene.Power.Gpus;
using Selene.Power.Solar;
using Selene.Power.Storage;

namespace Selene.Simulation.Scenarios;

/// <summary>Reads a scenario's <c>power</c> section.</summary>
internal static class PowerReader
{
    /// <summary>Reads <c>power</c>: the controller and each lunar site's array, storage and radiator.</summary>
    public static (IReadOnlyList<PowerSiteSpec> Sites, PowerPolicy Policy) Read(YamlFields top, IReadOnlyList<SiteSpec> scenarioSites, IReadOnlyList<NodeSpec> nodes)
    {
        if (top.Map("power") is not { } fields)
        {
            return ([], PowerPolicy.Predictive);
        }

        var policy = fields.Enum<PowerPolicy>("policy") ?? PowerPolicy.Predictive;
        var sites = new List<PowerSiteSpec>();
        foreach (var site in fields.MapList("sites", required: true))
        {
            var name = site.String("site", required: true) ?? "";
            var spec = scenarioSites.FirstOrDefault(s => s.Name == name);
            if (name.Length > 0 && spec is null)
            {
                site.Error("site", $"no site '{name}' in the scenario");
            }
            else if (spec is { Location: not SiteLocation.Moon })
            {
                site.Error("site", $"'{name}' is not on the Moon; power is modelled for lunar sites");
            }
            else if (spec is not null && nodes.Where(n => n.Site == name).Select(n => n.GpuType).Distinct().ToList() is var types
                && (types.Count != 1 || GpuPowerModel.BuiltIn(types[0]) is null))
            {
                site.Error("site", types.Count == 0
                    ? $"'{name}' has no nodes from time zero to power"
                    : $"the nodes at '{name}' need one GPU type with known power states ({string.Join(", ", GpuPowerModel.BuiltInNames)}); they have {string.Join(", ", types)}");
            }

            var mount = site.Enum<ArrayMount>("mount") ?? ArrayMount.Tracking;
            var array = new SolarArraySpec(
                site.Number("arrayM2", 0, minExclusive: true, required: true) ?? 1,
                site.Number("cellEfficiency", 0, 1, minExclusive: true) ?? 0.3,
                site.Number("degradationPerYear", 0, 1) ?? 0.005,
                site.Number("dustPerYear", 0, 1) ?? 0.01,
                site.Number("temperatureCoefficient", -0.1, 0.1) ?? -0.0035,
                mount,
                site.Number("azimuth", 0, 360) ?? 0);
            StorageSpec? storage = null;
            if (site.Map("storage") is { } store)
            {
                var kind = store.Enum<StorageKind>("kind", required: true) ?? StorageKind.LithiumIon;
                var kwh = store.Number("kWh", 0, minExclusive: true, required: true) ?? 1;
                storage = kind == StorageKind.SuperconductingMagnetic
                    ? StorageSpec.SuperconductingMagnetic(kwh, store.Number("cryocoolerW", 0) ?? 0)
                    : StorageSpec.LithiumIon(kwh);
                store.RejectUnknown();
            }

            sites.Add(new PowerSiteSpec(name, array, storage,
                site.Number("baseW", 0) ?? 400,
                site.Number("reserve", 0, 1, minExclusive: false) ?? 0.2,
                site.Number("radiatorM2", 0, minExclusive: true) ?? 16));
            site.RejectUnknown();
        }

        ScenarioLoader.CheckUnique(fields, "sites", sites.Select(s => s.Site));
        fields.RejectUnknown();
        return (sites, policy);
    }

    // webhooks: a list of subscribers, each {name, filter (default *), outages {perDay, meanDuration}, latency (default 200 ms)}.
}
