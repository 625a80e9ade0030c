namespace Selene.Power.Solar;

/// <summary>How a solar array is pointed.</summary>
public enum ArrayMount
{
    /// <summary>Flat on the ground: the incidence is the sine of the Sun's elevation.</summary>
    Horizontal,

    /// <summary>Upright, facing a fixed azimuth: the usual mount near the lunar poles, where the Sun skims the horizon.</summary>
    Vertical,

    /// <summary>Turned to face the Sun on two axes.</summary>
    Tracking,
}
