using Selene.Simulation.Randomness;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.Model;

/// <summary>
/// One flight of a launch series and its fate, drawn before the run: the twin flies it, and the power systems count
/// the GPUs it brings to its site from the time they come online.
/// </summary>
/// <param name="Launch">The series.</param>
/// <param name="Index">0-based flight number within the series.</param>
/// <param name="LiftOffSeconds">When it lifts off.</param>
/// <param name="Lost">Whether it is lost on the way.</param>
internal sealed record Flight(LaunchSpec Launch, int Index, double LiftOffSeconds, bool Lost)
{
    /// <summary>When its nodes come online at the site.</summary>
    public double OnlineSeconds => LiftOffSeconds + Launch.TransitSeconds;

    /// <summary>The GPUs its nodes carry.</summary>
    public int Gpus => Enumerable.Range(0, Launch.NodesPerLaunch).Sum(i => Launch.Templates[i % Launch.Templates.Count].GpuCount);

    /// <summary>
    /// Every flight that lifts off within the scenario, its fate drawn from <paramref name="outcomes"/> in lift-off order
    /// (ties in the order the scenario lists them), the order in which the twin once drew them as they flew.
    /// </summary>
    public static IReadOnlyList<Flight> Of(Scenario scenario, RandomSource outcomes)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(outcomes);
        var flights = scenario.Launches
            .SelectMany((launch, series) => Enumerable.Range(0, launch.Count)
                .Select(index => (Launch: launch, Series: series, Index: index, LiftOff: launch.FirstSeconds + (index * launch.EverySeconds)))
                .TakeWhile(f => f.LiftOff <= scenario.DurationSeconds))
            .OrderBy(f => f.LiftOff).ThenBy(f => f.Series).ThenBy(f => f.Index)
            .ToList();
        return [.. flights.Select(f => new Flight(f.Launch, f.Index, f.LiftOff, outcomes.NextBernoulli(f.Launch.FailureProbability)))];
    }
}
