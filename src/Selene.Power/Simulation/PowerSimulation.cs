using Selene.Ode;
using Selene.Ode.Events;
using Selene.Ode.Problems;
using Selene.Power.Control;
using Selene.Power.Sites;

namespace Selene.Power.Simulation;

/// <summary>
/// Runs a site's power model over its sunlight profile under a policy: the ODE is solved with Selene.Ode
/// (dopri5, events located to the solver's tolerance) a day at a time with the state and modes carried across, the
/// predictive controller planning again at timed events, and reported at the end of every bin.
/// </summary>
public static class PowerSimulation
{
    private const string Replan = "replan";
    private const string Arrival = "gpus-arrive";

    /// <summary>Runs <paramref name="spec"/> over the whole of <paramref name="solar"/> under <paramref name="policy"/>.</summary>
    public static SitePowerResult Run(SitePowerSpec spec, SolarProfile solar, PowerPolicy policy, PowerRunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(solar);
        options ??= new PowerRunOptions();
        var capacity = spec.Storage?.CapacityAt(options.YearsInService) ?? 0;
        var reserve = capacity * spec.ReserveFraction;
        var floor = policy == PowerPolicy.Greedy ? capacity * (spec.Storage?.FloorFraction ?? 0) : reserve;
        var system = new SitePowerSystem(spec, solar, floor, options.YearsInService)
        {
            GpuCommandWatts = spec.GpusAt(0) * spec.Gpu.MaxWatts,
            Gpus = spec.GpusAt(0),
        };
        var planner = policy == PowerPolicy.Predictive ? new PredictivePlanner(spec, solar, options.HorizonSeconds, options.PlanStepSeconds) : null;

        var y = new double[PowerState.Count];
        y[PowerState.Stored] = capacity * options.InitialStateOfCharge;
        y[PowerState.Kelvin] = spec.Thermal.InitialKelvin;
        var start = (double[])y.Clone();

        var end = solar.SpanSeconds;
        var bins = (int)Math.Ceiling(end / options.BinSeconds);
        var solarSeries = new double[bins];
        var usedSeries = new double[bins];
        var gpuSeries = new double[bins];
        var charge = new double[bins];
        var kelvin = new double[bins];
        var log = new List<(string, double)>();
        var minStored = capacity > 0 ? y[PowerState.Stored] / capacity : 1;
        var tolerances = Tolerances(capacity, spec.FullWatts);

        // The predictive controller plans again at a timed event, so its command changes exactly there.
        var events = system.Events.ToList();
        var nextPlan = 0.0;
        if (planner is not null)
        {
            system.GpuCommandWatts = planner.Plan(0, y[PowerState.Stored], capacity, reserve, system.Heating, system.Gpus);
            nextPlan = options.ReplanSeconds;
            events.Add(new OdeEvent
            {
                Name = Replan,
                Function = (t, state) => t - nextPlan,
                Direction = EventDirection.Rising,
                Action = (t, state) =>
                {
                    system.GpuCommandWatts = planner.Plan(t, state[PowerState.Stored], capacity, reserve, system.Heating, system.Gpus);
                    nextPlan = t + options.ReplanSeconds;
                },
            });
        }

        // GPUs that arrive (launched nodes coming online) join the load at their time; every controller commands them.
        foreach (var (at, gpus) in spec.GpuArrivals.Where(a => a.Seconds > 0 && a.Seconds < end))
        {
            events.Add(new OdeEvent
            {
                Name = Arrival,
                Function = (t, state) => t - at,
                Direction = EventDirection.Rising,
                Action = (t, state) =>
                {
                    system.Gpus += gpus;
                    system.GpuCommandWatts = planner?.Plan(t, state[PowerState.Stored], capacity, reserve, system.Heating, system.Gpus) ?? system.Gpus * spec.Gpu.MaxWatts;
                },
            });
        }

        // One solve a day, reporting at the bins' ends.
        var segment = Math.Max(options.BinSeconds, 86_400);
        var previous = (double[])y.Clone();
        var bin = 0;
        system.StartWith(0, y[PowerState.Stored]);
        for (var t0 = 0.0; t0 < end; t0 += segment)
        {
            var t1 = Math.Min(end, t0 + segment);
            var outputs = new List<double>();
            for (var b = bin; b < bins && Math.Min(end, (b + 1) * options.BinSeconds) <= t1; b++)
            {
                outputs.Add(Math.Min(end, (b + 1) * options.BinSeconds));
            }

            if (outputs.Count == 0 || outputs[^1] != t1)
            {
                outputs.Add(t1);
            }

            var solution = Ode.Ode.Solve(new OdeProblem(system, t0, t1, y), "dopri5", new OdeOptions
            {
                RelativeTolerance = options.RelativeTolerance,
                AbsoluteTolerances = tolerances,
                MaxStep = options.MaxStepSeconds,
                MaxSteps = 1_000_000,
                DenseOutput = false,
                Events = events,
                OutputTimes = outputs,
            });
            y = solution.FinalState;
            foreach (var occurrence in solution.Events.Where(e => e.Name is not (Replan or Arrival)))
            {
                log.Add((occurrence.Name, occurrence.Time));
                if (capacity > 0)
                {
                    minStored = Math.Min(minStored, occurrence.State[PowerState.Stored] / capacity);
                }
            }

            for (var i = 0; i < solution.Times.Count && bin < bins; i++)
            {
                var binEnd = Math.Min(end, (bin + 1) * options.BinSeconds);
                if (solution.Times[i] != binEnd)
                {
                    continue;
                }

                var state = solution.State(i);
                var width = binEnd - (bin * options.BinSeconds);
                solarSeries[bin] = (state[PowerState.In] - previous[PowerState.In]) / width;
                usedSeries[bin] = (state[PowerState.Used] - previous[PowerState.Used]) / width;
                gpuSeries[bin] = (state[PowerState.GpuEnergy] - previous[PowerState.GpuEnergy]) / width;
                charge[bin] = capacity > 0 ? state[PowerState.Stored] / capacity : 0;
                kelvin[bin] = state[PowerState.Kelvin];
                if (capacity > 0)
                {
                    minStored = Math.Min(minStored, charge[bin]);
                }

                state.CopyTo(previous);
                bin++;
            }
        }

        return new SitePowerResult(spec.Name, policy, end,
            y[PowerState.In] - start[PowerState.In],
            y[PowerState.Used] - start[PowerState.Used],
            y[PowerState.Curtailed] - start[PowerState.Curtailed],
            y[PowerState.Losses] - start[PowerState.Losses],
            start[PowerState.Stored], y[PowerState.Stored],
            y[PowerState.Work] / 3600,
            end > 0 ? 1 - (y[PowerState.Dark] / end) : 1,
            y[PowerState.BelowReserve],
            y[PowerState.Blackout],
            minStored,
            kelvin.DefaultIfEmpty(spec.Thermal.InitialKelvin).Min(),
            kelvin.DefaultIfEmpty(spec.Thermal.InitialKelvin).Max(),
            log, options.BinSeconds, solarSeries, usedSeries, gpuSeries, charge, kelvin);
    }

    // Error control where it matters: the store to a millionth of its capacity, the temperature to a millikelvin.
    // The running totals are integrals of what those states see, so they are held only loosely.
    private static double[] Tolerances(double capacity, double fullWatts)
    {
        var tolerances = new double[PowerState.Count];
        Array.Fill(tolerances, Math.Max(1, fullWatts));
        tolerances[PowerState.Stored] = Math.Max(1, capacity * 1e-6);
        tolerances[PowerState.Kelvin] = 1e-3;
        tolerances[PowerState.Work] = 1;
        tolerances[PowerState.Dark] = 1;
        tolerances[PowerState.BelowReserve] = 1;
        tolerances[PowerState.Blackout] = 1;
        return tolerances;
    }
}
