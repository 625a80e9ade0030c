using System.Globalization;
using Selene.Cluster.Scheduling.Framework;

namespace Selene.Cluster.Scheduling.Space;

/// <summary>
/// Node conditions from the node's own labels and annotations, for clusters where an agent writes them:
/// <c>selene.io/location</c> (label), and annotations <c>selene.io/one-way-light-ms</c>, <c>selene.io/link</c>
/// (<c>up</c> or <c>down</c>), <c>selene.io/link-change-s</c>, <c>selene.io/power-budget-watts</c>,
/// <c>selene.io/gpu-watts</c>, <c>selene.io/upsets-per-gpu-day</c>, <c>selene.io/energy-source</c>
/// (<c>sunlight</c>, <c>grid</c>, <c>storage</c>) and <c>selene.io/energy-cost-per-kwh</c>.
/// </summary>
public sealed class AnnotationEnvironment : INodeEnvironment
{
    /// <summary>The label naming a node's location: earth, orbit or moon.</summary>
    public const string LocationLabel = "selene.io/location";

    /// <inheritdoc />
    public NodeConditions Conditions(NodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new NodeConditions(
            node.Label(LocationLabel),
            Number(node, "selene.io/one-way-light-ms") / 1000,
            node.Annotation("selene.io/link") switch { "up" => true, "down" => false, _ => null },
            Number(node, "selene.io/link-change-s"),
            Number(node, "selene.io/power-budget-watts"),
            Number(node, "selene.io/gpu-watts"),
            Number(node, "selene.io/upsets-per-gpu-day"),
            Enum.TryParse<EnergySource>(node.Annotation("selene.io/energy-source"), ignoreCase: true, out var source) ? source : EnergySource.Unknown,
            Number(node, "selene.io/energy-cost-per-kwh"));
    }

    private static double? Number(NodeInfo node, string key) =>
        double.TryParse(node.Annotation(key), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
