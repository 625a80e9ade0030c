namespace Selene.Power.Control;

/// <summary>How the controller chooses the GPUs' power.</summary>
public enum PowerPolicy
{
    /// <summary>Full power whenever there is energy, from the array or the store, down to the store's floor.</summary>
    Greedy,

    /// <summary>Full power while the store is above the reserve; at the reserve, only what the array gives.</summary>
    Reserve,

    /// <summary>
    /// Model-predictive: every re-plan, the highest steady GPU power that keeps the store above the reserve over the
    /// forecast horizon (sunlight from the ephemeris), and sunlight the full store cannot take on top.
    /// </summary>
    Predictive,
}
