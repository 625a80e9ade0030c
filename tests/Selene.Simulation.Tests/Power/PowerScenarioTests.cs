using Selene.Core.Errors;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.Tests.Power;

public class PowerScenarioTests
{
    [Fact]
    public void On_the_built_in_scenario_predictive_control_does_at_least_the_greedy_work_and_never_dips_into_the_reserve()
    {
        var scenario = BuiltInScenarios.Load(BuiltInScenarios.Default) with { DurationSeconds = 365 * 86_400.0 };
        var flights = Selene.Simulation.Model.Flight.Of(scenario, new Selene.Simulation.Randomness.RandomStreams(scenario.Seed).Get("launches"));
        var site = Assert.Single(Selene.Simulation.Power.PowerSystems.Run(scenario, flights));
        var greedy = site.Policies.Single(p => p.Policy == "greedy");
        var predictive = site.Policies.Single(p => p.Policy == "predictive");

        // The rim's first node and every GPU the launches brought there during the year.
        var launched = flights.Where(f => !f.Lost && f.Launch.Site == "shackleton-rim").Sum(f => f.Gpus);
        Assert.True(launched >= 48, $"{launched} GPUs launched to the rim");
        Assert.Equal(("shackleton-rim", 8 + launched, "H100", "predictive"), (site.Site, site.Gpus, site.GpuType, site.Policy));
        Assert.True(predictive.WorkGpuHours >= greedy.WorkGpuHours, $"predictive {predictive.WorkGpuHours:0} GPU-h, greedy {greedy.WorkGpuHours:0}");
        Assert.Equal(predictive.WorkGpuHours / greedy.WorkGpuHours - 1, site.PredictiveGainOverGreedy, 12);
        Assert.Equal(0, predictive.BelowReserveHours);
        Assert.True(greedy.BelowReserveHours > 0, "greedy should use the reserve in the longest nights");
        Assert.All(site.Policies, p => Assert.InRange(Math.Abs(p.BalanceError), 0, 1e-9));
        Assert.Equal(365, site.StateOfCharge.Length);
    }

    public static TheoryData<string, string, int, string> BadPower => new()
    {
        { "a negative array area", "  sites:\n    - {site: shackleton-rim, arrayM2: -5}\n", 2, "power.sites[0].arrayM2" },
        { "an efficiency above 1", "  sites:\n    - {site: shackleton-rim, arrayM2: 10, cellEfficiency: 1.2}\n", 2, "power.sites[0].cellEfficiency" },
        { "a store with no capacity", "  sites:\n    - site: shackleton-rim\n      arrayM2: 10\n      storage: {kind: lithiumIon, kWh: 0}\n", 4, "power.sites[0].storage.kWh" },
        { "a store with no size at all", "  sites:\n    - site: shackleton-rim\n      arrayM2: 10\n      storage: {kind: lithiumIon}\n", 4, "power.sites[0].storage.kWh" },
        { "an unknown storage kind", "  sites:\n    - site: shackleton-rim\n      arrayM2: 10\n      storage: {kind: flywheel, kWh: 5}\n", 4, "power.sites[0].storage.kind" },
        { "a site on Earth", "  sites:\n    - {site: ashburn, arrayM2: 10}\n", 2, "power.sites[0].site" },
        { "a site not in the scenario", "  sites:\n    - {site: mars-base, arrayM2: 10}\n", 2, "power.sites[0].site" },
        { "an unknown policy", "  policy: lucky\n  sites: []\n", 1, "power.policy" },
        { "an unknown key", "  sites:\n    - {site: shackleton-rim, arrayM2: 10, windTurbine: 1}\n", 2, "power.sites[0].windTurbine" },
    };

    [Theory]
    [MemberData(nameof(BadPower))]
    public void Bad_power_sections_are_reported_with_the_line(string because, string section, int line, string field)
    {
        var error = Assert.Throws<InputException>(() => ScenarioLoader.Parse("extends: earth-moon\npower:\n" + section, "power.yaml", _ => null));
        Assert.True(error.Errors.Any(e => e.Field == field && e.Line == line + 2 && e.File == "power.yaml"), $"{because}: {string.Join("; ", error.Errors)}");
    }
}
