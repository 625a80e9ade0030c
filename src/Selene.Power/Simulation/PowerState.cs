namespace Selene.Power.Simulation;

/// <summary>The positions of the power model's states: the store and the node's temperature, then the running totals.</summary>
internal static class PowerState
{
    /// <summary>Energy in the store, J.</summary>
    public const int Stored = 0;

    /// <summary>Node temperature, K.</summary>
    public const int Kelvin = 1;

    /// <summary>Energy the array delivered, J.</summary>
    public const int In = 2;

    /// <summary>Energy the node drew (GPUs, the rest of the node, the heater), J.</summary>
    public const int Used = 3;

    /// <summary>Energy the array could have given but nothing could take (curtailed), J.</summary>
    public const int Curtailed = 4;

    /// <summary>Energy lost in charging, discharging, standing and the store's auxiliaries, J.</summary>
    public const int Losses = 5;

    /// <summary>Work done, GPU-seconds at full speed.</summary>
    public const int Work = 6;

    /// <summary>Seconds with no GPU running.</summary>
    public const int Dark = 7;

    /// <summary>Seconds with the store below the reserve.</summary>
    public const int BelowReserve = 8;

    /// <summary>Seconds in which the node's own needs (the rest of the node, the heater) went unmet.</summary>
    public const int Blackout = 9;

    /// <summary>Energy the GPUs drew, J.</summary>
    public const int GpuEnergy = 10;

    /// <summary>Number of states.</summary>
    public const int Count = 11;
}
