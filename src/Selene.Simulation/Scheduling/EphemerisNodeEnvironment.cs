using Selene.Astro.Links;
using Selene.Astro.Time;
using Selene.Cluster.Scheduling.Framework;
using Selene.Cluster.Scheduling.Space;

namespace Selene.Simulation.Scheduling;

/// <summary>
/// Node conditions from the node's annotations (<see cref="AnnotationEnvironment"/>), with the light time of a
/// node on the Moon — label <c>selene.io/location: moon</c>, or <c>location: moon</c> as the seed manifest
/// writes it — worked out from the lunar ephemeris at a given instant when the node does not state it, and of a
/// node on Earth taken as zero (its users are on the same planet).
/// </summary>
public sealed class EphemerisNodeEnvironment(DateTime utc) : INodeEnvironment
{
    private readonly AnnotationEnvironment _annotations = new();
    private readonly double _moonLightSeconds = LightTime.MoonToEarthCentreSeconds(AstroTime.FromUtc(utc));

    /// <summary>The instant the light time is worked out for.</summary>
    public DateTime Utc { get; } = utc;

    /// <inheritdoc />
    public NodeConditions Conditions(NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var conditions = _annotations.Conditions(node);
        var location = conditions.Location ?? node.Label("location");
        return (location, conditions.OneWayLightSeconds) switch
        {
            ("moon", null) => conditions with { Location = location, OneWayLightSeconds = _moonLightSeconds },
            ("earth", null) => conditions with { Location = location, OneWayLightSeconds = 0 },
            _ => conditions with { Location = location },
        };
    }
}
