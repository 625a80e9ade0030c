using System.Globalization;
using Selene.Core.Errors;
using Selene.Simulation.Metrics;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.Limits;

/// <summary>A twin within <see cref="WorkLimits"/>: the expected arrivals checked before it is built, the backlog as it runs.</summary>
public static class BoundedRun
{
    // The backlog is looked at this many times a run; moving the twin on in steps changes none of its output.
    private const int Checks = 1000;

    /// <summary>
    /// Refuses a scenario whose tenants are expected to send more than <see cref="WorkLimits.MaxArrivals"/> requests
    /// over its duration, naming the tenant that sends the most and the estimate.
    /// </summary>
    /// <exception cref="InputException">The estimate is over the limit.</exception>
    public static void CheckArrivals(Scenario scenario, WorkLimits limits, string option)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(limits);
        var expected = scenario.Tenants.Sum(t => t.Arrivals.MeanRatePerSecond * scenario.DurationSeconds);
        if (!(expected > limits.MaxArrivals))
        {
            return;
        }

        var largest = scenario.Tenants.MaxBy(t => t.Arrivals.MeanRatePerSecond)!;
        throw new InputException(InputDiagnostic.Error(scenario.Source, 0, 0, $"tenants[{largest.Name}].arrivals.ratePerSecond", string.Create(CultureInfo.InvariantCulture,
            $"{largest.Arrivals.MeanRatePerSecond:G4} requests a second; over {scenario.DurationSeconds / 86_400:0.##} day(s) the tenants would send {expected:G3} requests, over the limit of {limits.MaxArrivals:G3} ({option}); shorten the run or raise the limit")));
    }

    /// <summary>
    /// Runs <paramref name="simulation"/> to its end, stopping it when more than <see cref="WorkLimits.MaxInFlight"/>
    /// requests are in flight at once. The expected arrivals are the caller's to check first (<see cref="CheckArrivals"/>),
    /// before it writes anything or builds the twin.
    /// </summary>
    /// <exception cref="InputException">The backlog passed the limit.</exception>
    public static MetricsDocument Run(ScenarioSimulation simulation, WorkLimits limits, IProgress<double>? progress = null, string inFlightOption = "--max-in-flight")
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentNullException.ThrowIfNull(limits);
        var scenario = simulation.Scenario;
        simulation.Start(progress);
        for (var check = 1; check <= Checks; check++)
        {
            simulation.AdvanceTo(scenario.DurationSeconds * check / Checks);
            if (simulation.InFlight > limits.MaxInFlight)
            {
                throw new InputException(InputDiagnostic.Error(scenario.Source, 0, 0, "tenants", string.Create(CultureInfo.InvariantCulture,
                    $"{simulation.InFlight:N0} requests in flight at once after {simulation.Now / 3600:0.##} h, over the limit of {limits.MaxInFlight:N0} ({inFlightOption}): the tenants send far more than the nodes serve, and the backlog would grow without bound; lower the rates, add nodes, or raise the limit")));
            }
        }

        return simulation.Finish();
    }
}
