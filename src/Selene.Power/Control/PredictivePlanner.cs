using Selene.Power.Sites;

namespace Selene.Power.Control;

/// <summary>
/// The model-predictive controller's plan: over the forecast horizon, on steps of the plan's length, the store is
/// run forward with the forecast sunlight, the node's own needs and a steady GPU power; the plan is the highest
/// such power (found by bisection) that never takes the store below the reserve, or below its floor when the node's
/// own needs alone would take it under the reserve. Sunlight from the ephemeris is
/// known years ahead, so the forecast is the profile itself. Because throughput is concave in power, a steady
/// power through the night does more work with the same energy than full power until the store runs out.
/// </summary>
internal sealed class PredictivePlanner(SitePowerSpec spec, SolarProfile solar, double horizonSeconds, double stepSeconds)
{
    private double[] _surplus = [];

    /// <summary>
    /// Share of the capacity the plan keeps above the reserve, against the forecast's coarseness (hourly means, the heater
    /// switching, the standing loss taken step by step): constraint tightening, as model-predictive controllers do.
    /// </summary>
    public const double MarginFraction = 0.01;

    /// <summary>The GPU power to run at from <paramref name="now"/>, with <paramref name="stored"/> J in a store of <paramref name="capacity"/> J.</summary>
    /// <param name="now">Seconds into the run.</param>
    /// <param name="stored">Energy in the store, J.</param>
    /// <param name="capacity">The store's capacity, J.</param>
    /// <param name="reserve">Energy to keep, J.</param>
    /// <param name="heating">Whether the heater runs.</param>
    /// <param name="gpus">The GPUs installed now; the spec's when null.</param>
    public double Plan(double now, double stored, double capacity, double reserve, bool heating, int? gpus = null)
    {
        reserve += MarginFraction * capacity;
        var storage = spec.Storage;
        var gpuMax = (gpus ?? spec.Gpus) * spec.Gpu.MaxWatts;
        if (storage is null)
        {
            return gpuMax;
        }

        var steps = (int)Math.Ceiling(Math.Min(horizonSeconds, solar.SpanSeconds - now) / stepSeconds);
        if (steps <= 0)
        {
            return gpuMax;
        }

        if (_surplus.Length < steps)
        {
            _surplus = new double[steps];
        }

        // Forecast surplus of each step after the node's own needs, from the array's energy at the steps' bounds.
        var needs = spec.BaseWatts + (heating ? spec.Thermal.HeaterWatts : 0) + storage.AuxiliaryWatts;
        var energyBefore = solar.EnergyTo(now);
        for (var k = 0; k < steps; k++)
        {
            var from = now + (k * stepSeconds);
            var to = Math.Min(solar.SpanSeconds, from + stepSeconds);
            var energyAfter = solar.EnergyTo(to);
            _surplus[k] = (to > from ? (energyAfter - energyBefore) / (to - from) : solar.WattsAt(from)) - needs;
            energyBefore = energyAfter;
        }

        var atFull = MinMargin(gpuMax, steps, stored, capacity, reserve);
        if (atFull >= 0)
        {
            return gpuMax;
        }

        var atZero = MinMargin(0, steps, stored, capacity, reserve);
        if (atZero < 0)
        {
            // The node's own needs will take the store below the reserve whatever the GPUs do: keep it above its floor
            // instead, so the node survives, and run the GPUs on what is left.
            reserve = capacity * (storage.FloorFraction + MarginFraction);
            atZero = MinMargin(0, steps, stored, capacity, reserve);
            if (atZero < 0)
            {
                return 0;
            }

            atFull = MinMargin(gpuMax, steps, stored, capacity, reserve);
            if (atFull >= 0)
            {
                return gpuMax;
            }
        }

        // The margin falls as the power rises (piecewise linearly): regula falsi with the Illinois modification keeps a
        // feasible lower end and closes in from both sides.
        double low = 0, high = gpuMax, fLow = atZero, fHigh = atFull;
        var side = 0;
        for (var i = 0; i < 40 && high - low > 1e-3 * gpuMax; i++)
        {
            var power = low + ((high - low) * fLow / (fLow - fHigh));
            if (!(power > low && power < high))
            {
                power = 0.5 * (low + high);
            }

            var margin = MinMargin(power, steps, stored, capacity, reserve);
            if (margin >= 0)
            {
                (low, fLow) = (power, margin);
                fHigh = side == -1 ? fHigh / 2 : fHigh;
                side = -1;
            }
            else
            {
                (high, fHigh) = (power, margin);
                fLow = side == 1 ? fLow / 2 : fLow;
                side = 1;
            }
        }

        return low;
    }

    // The least the store holds above the reserve while drawing, over the horizon, with a steady GPU power (J);
    // +∞ when it never draws. What flows in or out of the store each step does not depend on what it holds, so only
    // the clamp at capacity and the standing loss (one multiply-add) are carried from step to step.
    private double MinMargin(double gpuWatts, int steps, double stored, double capacity, double reserve)
    {
        var storage = spec.Storage!;
        var kept = 1 - (storage.StandbyLossPerDay / 86_400 * stepSeconds);
        var chargeJoules = storage.ChargeEfficiency * stepSeconds;
        var maxCharge = storage.MaxChargeWatts;
        var dischargeJoules = stepSeconds / storage.DischargeEfficiency;
        var energy = stored;
        var least = double.PositiveInfinity;
        var surplus = _surplus.AsSpan(0, steps);
        for (var k = 0; k < surplus.Length; k++)
        {
            var net = surplus[k] - gpuWatts;
            if (net >= 0)
            {
                energy = Math.Min(capacity, (energy * kept) + (chargeJoules * Math.Min(net, maxCharge)));
            }
            else
            {
                energy = Math.Min(capacity, (energy * kept) + (dischargeJoules * net));
                least = Math.Min(least, energy - reserve);
            }
        }

        return least;
    }
}
