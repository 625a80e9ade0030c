using Selene.Astro.Sunlight;
using Selene.Power.Control;
using Selene.Power.Gpus;
using Selene.Power.Simulation;
using Selene.Power.Sites;
using Selene.Power.Thermal;
using Selene.Simulation.Metrics;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.Power;

/// <summary>
/// The scenario's lunar power systems over the run, each under every controller so the report can compare them:
/// sunlight sampled each minute from the scenario's epoch; the load the site's nodes from time zero and the GPUs of every
/// flight that reaches it, from the time they come online.
/// </summary>
internal static class PowerSystems
{
    private const double StepSeconds = 60;
    private const double JoulesPerKwh = 3.6e6;

    public static IReadOnlyList<PowerSiteMetrics> Run(Scenario scenario, IReadOnlyList<Model.Flight> flights)
    {
        var sunlight = new SunlightSeries(scenario.Epoch, StepSeconds, (int)Math.Ceiling(scenario.DurationSeconds / StepSeconds) + 1);
        var bin = scenario.DurationSeconds > 30 * 86_400 ? 86_400 : 3600;
        var options = new PowerRunOptions { BinSeconds = bin };
        return scenario.Power.Select(power =>
        {
            var nodes = scenario.Nodes.Where(n => n.Site == power.Site).ToList();
            var gpuType = nodes[0].GpuType;
            var spec = new SitePowerSpec(power.Site, scenario.Site(power.Site).ToSurfaceSite(), power.Array, power.Storage,
                ThermalSpec.Node(power.RadiatorSquareMetres), nodes.Sum(n => n.Node.GpuCount), GpuPowerModel.BuiltIn(gpuType)!, power.BaseWatts, power.ReserveFraction)
            {
                GpuArrivals = [.. flights.Where(f => !f.Lost && f.Launch.Site == power.Site && f.OnlineSeconds <= scenario.DurationSeconds).Select(f => (f.OnlineSeconds, f.Gpus))],
            };
            var profile = SolarProfile.Of(spec, sunlight);
            var results = Enum.GetValues<PowerPolicy>().Select(policy => PowerSimulation.Run(spec, profile, policy, options)).ToList();
            var chosen = results.Single(r => r.Policy == scenario.PowerPolicy);
            var greedy = results.Single(r => r.Policy == PowerPolicy.Greedy).WorkGpuHours;
            var predictive = results.Single(r => r.Policy == PowerPolicy.Predictive).WorkGpuHours;
            return new PowerSiteMetrics(power.Site, spec.GpusAt(scenario.DurationSeconds), gpuType, Name(scenario.PowerPolicy),
                greedy > 0 ? (predictive / greedy) - 1 : 0,
                results.Select(r => new PowerPolicyMetrics(Name(r.Policy), r.EnergyIn / JoulesPerKwh, r.EnergyUsed / JoulesPerKwh,
                    (r.StoredAtEnd - r.StoredAtStart) / JoulesPerKwh, r.EnergyLosses / JoulesPerKwh, r.EnergyCurtailed / JoulesPerKwh, r.BalanceError,
                    r.WorkGpuHours, r.Availability, r.BelowReserveSeconds / 3600, r.BlackoutSeconds / 3600, r.MinStoredFraction, r.MinKelvin, r.MaxKelvin)).ToList(),
                bin, chosen.StateOfCharge, chosen.SolarWatts, chosen.UsedWatts, chosen.GpuWatts, chosen.NodeKelvin);
        }).ToList();
    }

    private static string Name(PowerPolicy policy) => policy.ToString().ToLowerInvariant();
}
