using k8s.Models;
using Selene.Simulation.Kernel;
using Selene.Simulation.Model;
using Selene.Simulation.Scenarios;

namespace Selene.Simulation.Faults;

/// <summary>
/// Reported faults as taints on their node (<see cref="CosmicEvent.TaintKey"/>, the effect by severity): a node's
/// report crosses its link (waiting for it to be up) before the taint is set, the taint holds for the quarantine
/// or the reboot from the fault on, and its clearing crosses the link too. Two faults of one effect on a node
/// make one taint that holds until the later one's end. A NoExecute taint has the control plane evict the replicas'
/// pods from the node; their requests are routed again elsewhere.
/// </summary>
internal sealed class CosmicTaints(SimulationKernel kernel, FaultSpec spec, Action<NodeServer, IReadOnlyList<V1Taint>> apply)
{
    private readonly Dictionary<NodeServer, SortedDictionary<string, Held>> _held = [];

    /// <summary>Taints set so far.</summary>
    public long Set { get; private set; }

    /// <summary>
    /// A node reported a fault now. Returns when its effects will have landed: the taint set, and for NoExecute one
    /// node-lifecycle pass later, when the pods on it have been evicted; now for a fault that taints nothing.
    /// </summary>
    public double Report(NodeServer node, CosmicEvent cosmic)
    {
        var (effect, hold) = CosmicEvent.TaintOf(cosmic.Type);
        var seconds = hold == TaintHold.Reboot ? spec.RebootSeconds : spec.QuarantineSeconds;
        var arrives = node.Site.AcrossLink(kernel.Now);
        if (effect is null || !(seconds > 0) || !double.IsFinite(arrives))
        {
            return kernel.Now;
        }

        var clearedAt = node.Site.AcrossLink(kernel.Now + seconds);
        kernel.ScheduleAt(arrives, () => Hold(node, effect, cosmic.Type, clearedAt));
        return effect == "NoExecute" ? arrives + Cluster.Controllers.ControllerManager.MonitorPeriod.TotalSeconds : arrives;
    }

    private void Hold(NodeServer node, string effect, string type, double until)
    {
        if (node.Destroyed)
        {
            return;
        }

        if (!_held.TryGetValue(node, out var held))
        {
            _held[node] = held = new SortedDictionary<string, Held>(StringComparer.Ordinal);
        }

        var isNew = !held.TryGetValue(effect, out var current);
        held[effect] = new Held(type, isNew ? kernel.Now : current!.Since, isNew ? until : Math.Max(until, current!.Until));
        Set++;
        Publish(node, held);

        if (double.IsFinite(until))
        {
            kernel.ScheduleAt(until, () => Clear(node, effect));
        }
    }

    private void Clear(NodeServer node, string effect)
    {
        if (_held.TryGetValue(node, out var held) && held.TryGetValue(effect, out var current) && current.Until <= kernel.Now && !node.Destroyed)
        {
            held.Remove(effect);
            Publish(node, held);
        }
    }

    private void Publish(NodeServer node, SortedDictionary<string, Held> held) =>
        apply(node, held.Select(h => new V1Taint
        {
            Key = CosmicEvent.TaintKey,
            Value = h.Value.Type,
            Effect = h.Key,
            TimeAdded = kernel.TimeProvider.Epoch.AddSeconds(h.Value.Since).UtcDateTime,
        }).ToList());

    private sealed record Held(string Type, double Since, double Until);
}
