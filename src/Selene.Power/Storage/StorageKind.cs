namespace Selene.Power.Storage;

/// <summary>The kinds of storage a site can have.</summary>
public enum StorageKind
{
    /// <summary>A lithium-ion battery.</summary>
    LithiumIon,

    /// <summary>Superconducting magnetic energy storage: high efficiency, a standing loss and a cryocooler to run.</summary>
    SuperconductingMagnetic,
}
