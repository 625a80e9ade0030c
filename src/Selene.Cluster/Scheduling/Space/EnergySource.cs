namespace Selene.Cluster.Scheduling.Space;

/// <summary>Where a node's power comes from at the moment.</summary>
public enum EnergySource
{
    /// <summary>Not known: the node says nothing about its power.</summary>
    Unknown,

    /// <summary>Sunlight on its own solar array: free while it lasts.</summary>
    Sunlight,

    /// <summary>A terrestrial grid, at its price.</summary>
    Grid,

    /// <summary>Stored energy (battery, superconducting store): what is spent now is missing at night.</summary>
    Storage,
}
