using Selene.Ode.Events;
using Selene.Ode.Problems;
using Selene.Power.Sites;

namespace Selene.Power.Simulation;

/// <summary>
/// One site's power and heat as an ODE (states in <see cref="PowerState"/>), in seconds from the profile's first
/// sample. Power goes first to the node's own needs (the rest of the node, the heater, the store's auxiliaries), then
/// to the GPUs up to the controller's command; the store takes any surplus (what it cannot take is curtailed) and
/// covers any shortfall. Every energy flow is integrated beside the store, so energy in = used + change in storage +
/// losses + curtailed holds for each stage of each step, and a Runge–Kutta step, linear in its stages, keeps it to
/// round-off. Discrete modes change only at located events: the store reaching the controller's floor (GPUs then
/// run on sunlight only until it is a hundredth of its capacity above it again) or empty (everything does), full
/// (surplus runs the GPUs harder, else is curtailed), the
/// node too hot (GPUs throttled to idle) or too cold (the heater on: its heat comes from the GPUs when they can run,
/// so the energy also does work).
/// </summary>
internal sealed class SitePowerSystem : IOdeSystem
{
    private readonly SitePowerSpec _spec;
    private readonly SolarProfile _solar;
    private readonly double _capacity;
    private readonly double _reserve;
    private readonly double _standbyPerSecond;

    public SitePowerSystem(SitePowerSpec spec, SolarProfile solar, double floorJoules, double yearsInService)
    {
        _spec = spec;
        _solar = solar;
        _capacity = spec.Storage?.CapacityAt(yearsInService) ?? 0;
        _reserve = _capacity * spec.ReserveFraction;
        _standbyPerSecond = (spec.Storage?.StandbyLossPerDay ?? 0) / 86_400;
        FloorJoules = floorJoules;
        Events = BuildEvents();
    }

    public int Dimension => PowerState.Count;

    /// <summary>The store's energy below which the GPUs run on sunlight only.</summary>
    public double FloorJoules { get; }

    /// <summary>Power the controller asks for the GPUs, W.</summary>
    public double GpuCommandWatts { get; set; }

    /// <summary>The GPUs installed now: the spec's, and those that have arrived since.</summary>
    public int Gpus { get; set; }

    /// <summary>The store is at the floor: the GPUs get only the array's surplus.</summary>
    public bool Limited { get; set; }

    /// <summary>The store is empty: everything runs on the array alone.</summary>
    public bool Exhausted { get; set; }

    /// <summary>The store is full: surplus runs the GPUs up to full power, the rest is curtailed.</summary>
    public bool Full { get; set; }

    /// <summary>The node is too hot: GPUs idle.</summary>
    public bool Throttled { get; set; }

    /// <summary>The node is too cold: the heater runs.</summary>
    public bool Heating { get; set; }

    public IReadOnlyList<OdeEvent> Events { get; }

    public void Rhs(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        var flows = Flows(t, y[PowerState.Stored]);
        var storage = _spec.Storage;
        var stored = storage is null ? 0 : (storage.ChargeEfficiency * flows.Charge) - (flows.Discharge / storage.DischargeEfficiency) - flows.Standby;
        var losses = storage is null ? 0
            : ((1 - storage.ChargeEfficiency) * flows.Charge) + (((1 / storage.DischargeEfficiency) - 1) * flows.Discharge) + flows.Standby + flows.Auxiliary;
        dydt[PowerState.Stored] = stored;
        dydt[PowerState.Kelvin] = (flows.Load - _spec.Thermal.RadiatedWatts(y[PowerState.Kelvin], _solar.SurfaceKelvinAt(t))) / _spec.Thermal.HeatCapacityJoulesPerKelvin;
        dydt[PowerState.In] = flows.Solar;
        dydt[PowerState.Used] = flows.Load;
        dydt[PowerState.Curtailed] = flows.Curtailed;
        dydt[PowerState.Losses] = losses;
        // The heat a cold node needs comes from its GPUs when they can run: the same energy, and work done with it.
        var heat = Heating && !Throttled ? Math.Clamp(flows.Load - _spec.BaseWatts - flows.Gpu, 0, _spec.Thermal.HeaterWatts) : 0;
        dydt[PowerState.Work] = Throttled ? 0 : _spec.Gpu.WorkRate(flows.Gpu + heat, Gpus);
        dydt[PowerState.Dark] = !Throttled && flows.Gpu > 0 ? 0 : 1;
        dydt[PowerState.BelowReserve] = storage is not null && y[PowerState.Stored] < _reserve ? 1 : 0;
        dydt[PowerState.Blackout] = flows.Load < flows.Needs * (1 - 1e-12) ? 1 : 0;
        dydt[PowerState.GpuEnergy] = flows.Gpu;
    }

    /// <summary>The array's output at <paramref name="t"/> less the node's needs, the store's auxiliaries and the GPUs' command, W.</summary>
    public double SurplusWatts(double t) =>
        _solar.WattsAt(t) - _spec.BaseWatts - (Heating ? _spec.Thermal.HeaterWatts : 0) - (_spec.Storage?.AuxiliaryWatts ?? 0) - GpuCommandWatts;

    /// <summary>Sets the store's modes for a start with <paramref name="stored"/> in it at <paramref name="t"/>.</summary>
    public void StartWith(double t, double stored)
    {
        var surplus = SurplusWatts(t);
        Full = _capacity > 0 && stored >= _capacity && surplus >= 0;
        Limited = _capacity > 0 && stored <= FloorJoules;
        Exhausted = _spec.Storage is not null && stored <= 0;
    }

    // Where the power goes now; see the class summary.
    private Flow Flows(double t, double stored)
    {
        var storage = _spec.Storage;
        var solar = _solar.WattsAt(t);
        var auxiliary = storage?.AuxiliaryWatts ?? 0;
        var needs = _spec.BaseWatts + (Heating ? _spec.Thermal.HeaterWatts : 0);
        var gpuMax = Gpus * (Throttled ? _spec.Gpu.IdleWatts : _spec.Gpu.MaxWatts);
        var surplus = Math.Max(0, solar - auxiliary - needs);
        var wanted = Throttled ? gpuMax : Math.Min(gpuMax, Full ? Math.Max(GpuCommandWatts, surplus) : GpuCommandWatts);
        var standby = stored * _standbyPerSecond;
        if (storage is null || Exhausted)
        {
            // The array alone: needs first, then the GPUs; with a store, it keeps what it holds but for its standing loss.
            var supplied = Math.Min(needs, Math.Max(0, solar - auxiliary));
            var gpu = Math.Min(wanted, Math.Max(0, solar - auxiliary - supplied));
            var spare = Math.Max(0, solar - auxiliary - supplied - gpu);
            var charge = storage is null ? 0 : Math.Min(spare, storage.MaxChargeWatts);
            var fed = storage is null ? 0 : Math.Min(auxiliary, solar);
            return new Flow(solar, supplied + gpu, gpu, needs, charge, 0, standby, fed, spare - charge);
        }

        var gpuWatts = Limited ? Math.Min(wanted, surplus) : Math.Min(wanted, Math.Max(0, solar - auxiliary - needs + storage.MaxDischargeWatts));
        var load = needs + gpuWatts;
        var net = solar - auxiliary - load;
        if (net >= 0)
        {
            // Full, the store takes only what keeps it topped up against its standing loss.
            var charge = Math.Min(net, Full ? standby / storage.ChargeEfficiency : storage.MaxChargeWatts);
            return new Flow(solar, load, gpuWatts, needs, charge, 0, standby, auxiliary, net - charge);
        }

        return new Flow(solar, load, gpuWatts, needs, 0, -net, standby, auxiliary, 0);
    }

    private List<OdeEvent> BuildEvents()
    {
        var events = new List<OdeEvent>();
        if (_spec.Storage is not null)
        {
            // Leaving the floor or empty takes a hundredth of the capacity back, so the modes do not chatter; a mode
            // is left only with the store where the next mode expects it.
            var hysteresis = 0.01 * _capacity;
            events.Add(new OdeEvent
            {
                Name = "floor",
                Function = (t, y) => Limited || Exhausted ? 1 : y[PowerState.Stored] - FloorJoules,
                Direction = EventDirection.Falling,
                Action = (t, y) => Limited = true,
            });
            events.Add(new OdeEvent
            {
                Name = "above-floor",
                Function = (t, y) => Limited && !Exhausted ? y[PowerState.Stored] - (FloorJoules + hysteresis) : -1,
                Direction = EventDirection.Rising,
                Action = (t, y) => Limited = false,
            });
            events.Add(new OdeEvent
            {
                Name = "empty",
                Function = (t, y) => Exhausted ? 1 : y[PowerState.Stored],
                Direction = EventDirection.Falling,
                Action = (t, y) => Exhausted = true,
            });
            events.Add(new OdeEvent
            {
                Name = "recharging",
                Function = (t, y) => Exhausted ? y[PowerState.Stored] - hysteresis : -1,
                Direction = EventDirection.Rising,
                Action = (t, y) => (Exhausted, Limited) = (false, y[PowerState.Stored] <= FloorJoules),
            });
            events.Add(new OdeEvent
            {
                Name = "full",
                Function = (t, y) => Full ? -1 : y[PowerState.Stored] - _capacity,
                Direction = EventDirection.Rising,
                Action = (t, y) => Full = true,
            });
            events.Add(new OdeEvent
            {
                Name = "draining",
                Function = (t, y) => Full ? Math.Min(SurplusWatts(t), y[PowerState.Stored] - (_capacity - hysteresis)) : 1,
                Direction = EventDirection.Falling,
                Action = (t, y) => (Full, Limited) = (false, Limited || y[PowerState.Stored] <= FloorJoules),
            });
        }

        var thermal = _spec.Thermal;
        events.Add(new OdeEvent
        {
            Name = "hot",
            Function = (t, y) => Throttled ? -1 : y[PowerState.Kelvin] - thermal.MaxKelvin,
            Direction = EventDirection.Rising,
            Action = (t, y) => Throttled = true,
        });
        events.Add(new OdeEvent
        {
            Name = "cooled",
            Function = (t, y) => Throttled ? y[PowerState.Kelvin] - (thermal.MaxKelvin - thermal.HysteresisKelvin) : 1,
            Direction = EventDirection.Falling,
            Action = (t, y) => Throttled = false,
        });
        events.Add(new OdeEvent
        {
            Name = "cold",
            Function = (t, y) => Heating ? 1 : y[PowerState.Kelvin] - thermal.MinKelvin,
            Direction = EventDirection.Falling,
            Action = (t, y) => Heating = true,
        });
        events.Add(new OdeEvent
        {
            Name = "warm",
            Function = (t, y) => Heating ? y[PowerState.Kelvin] - (thermal.MinKelvin + thermal.HysteresisKelvin) : -1,
            Direction = EventDirection.Rising,
            Action = (t, y) => Heating = false,
        });
        return events;
    }

    private readonly record struct Flow(double Solar, double Load, double Gpu, double Needs, double Charge, double Discharge, double Standby, double Auxiliary, double Curtailed);
}
